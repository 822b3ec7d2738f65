//! The sample maps that ship inside the binary, so a first start always has
//! something to show.

use crate::format::{LoadError, from_bytes};
use crate::model::Document;

/// A bundled sample map.
#[derive(Clone, Copy, Debug)]
pub struct Sample {
    /// File name, as in `assets/samples/`.
    pub file_name: &'static str,
    /// Title in English.
    pub title_en: &'static str,
    /// Title in Chinese.
    pub title_zh: &'static str,
    bytes: &'static [u8],
}

impl Sample {
    /// The sample's document.
    pub fn document(&self) -> Result<Document, LoadError> {
        from_bytes(self.bytes)
    }
}

/// Every bundled sample; the first is shown on first start.
pub const SAMPLES: &[Sample] = &[
    Sample {
        file_name: "group-equipment-deal.json",
        title_en: "Group company: production line automation (Chinese)",
        title_zh: "集团公司：智能产线项目",
        bytes: include_bytes!("../assets/samples/group-equipment-deal.json"),
    },
    Sample {
        file_name: "university-academic-affairs.json",
        title_en: "University: teaching management platform (Chinese)",
        title_zh: "高校：教学管理平台项目",
        bytes: include_bytes!("../assets/samples/university-academic-affairs.json"),
    },
    Sample {
        file_name: "enterprise-software-deal.json",
        title_en: "Enterprise software: data platform (English)",
        title_zh: "企业软件：数据平台项目（英文）",
        bytes: include_bytes!("../assets/samples/enterprise-software-deal.json"),
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_sample_loads() {
        for sample in SAMPLES {
            let doc = sample.document().unwrap();
            assert!(doc.stakeholders.len() >= 10, "{}", sample.file_name);
        }
    }
}
