//! What search costs per keystroke once the index is built, on generated maps whose
//! people have Chinese names (so pinyin matching runs on everyone).
//!
//! ```text
//! cargo run --release --example search_costs                   # 2,000 and 100,000 people
//! cargo run --release --example search_costs -- 500 20000      # other sizes
//! ```
//!
//! For each size: building the index (once per map version), then each keystroke of
//! typing `zhouzh` and `财务` and `eng`: all matches plus the 50 best, sorted — what
//! the search bar does per keystroke. Medians of 9 runs, wall clock.

use std::time::Instant;

use powermap::samples::synthetic_map;
use powermap::search::SearchIndex;

const SURNAMES: &[char] = &[
    '周', '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '吴', '单', '吕',
];
const GIVEN: &[char] = &[
    '振', '华', '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰',
];

fn median_ms(mut run: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..9)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![2_000, 100_000]
    } else {
        sizes
    };
    for n in sizes {
        let mut doc = synthetic_map(n, 7);
        for (i, person) in doc.stakeholders.iter_mut().enumerate() {
            let pick = |list: &[char], k: usize| list[k % list.len()];
            person.name = [
                pick(SURNAMES, i),
                pick(GIVEN, i / 7),
                pick(GIVEN, i / 3 + 5),
            ]
            .iter()
            .collect();
            if i % 10 == 0 {
                person.department = "财务部".into();
            }
        }
        let build = median_ms(|| {
            std::hint::black_box(SearchIndex::new(&doc));
        });
        let index = SearchIndex::new(&doc);
        println!("{n} people: index built in {build:.1} ms");
        for query in ["zhouzh", "财务", "eng"] {
            let mut prefix = String::new();
            for c in query.chars() {
                prefix.push(c);
                let mut found = 0;
                let ms = median_ms(|| {
                    let hits = index.matches(&prefix);
                    found = hits.len();
                    std::hint::black_box(index.best(&hits, 50));
                });
                println!("  {prefix:<8} {found:>7} found  {ms:>7.2} ms");
            }
        }
    }
}
