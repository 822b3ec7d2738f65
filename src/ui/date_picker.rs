//! A small month calendar behind a 📅 button (egui has none built in), and dates
//! written out for people ("Sat 5 Dec 2026", "2026年12月5日 周六").

use egui::{Popup, PopupCloseBehavior, RichText, Ui};

use super::i18n::{T, Tr};
use crate::model::Date;

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const WEEKDAYS_ZH: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];

/// A date written out with its weekday, so the reading of a typed date is clear.
pub fn long_date(date: Date, tr: Tr) -> String {
    let weekday = usize::from(date.weekday());
    if tr.chinese() {
        let day = WEEKDAYS_ZH.get(weekday).copied().unwrap_or_default();
        format!(
            "{}年{}月{}日（周{day}）",
            date.year(),
            date.month(),
            date.day()
        )
    } else {
        let day = WEEKDAYS_EN.get(weekday).copied().unwrap_or_default();
        let month = MONTHS_EN
            .get(usize::from(date.month()).saturating_sub(1))
            .copied()
            .unwrap_or_default();
        let month = month.get(..3).unwrap_or(month);
        format!("{day} {} {month} {}", date.day(), date.year())
    }
}

/// A month's title: "December 2026", "2026年12月".
fn month_title(year: u16, month: u8, tr: Tr) -> String {
    if tr.chinese() {
        format!("{year}年{month}月")
    } else {
        let name = MONTHS_EN
            .get(usize::from(month).saturating_sub(1))
            .copied()
            .unwrap_or_default();
        format!("{name} {year}")
    }
}

/// The month shown by an open calendar, kept in egui memory while it is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ShownMonth {
    year: u16,
    month: u8,
}

impl ShownMonth {
    fn of(date: Date) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The month `delta` months later (earlier when negative), within years 1–9999.
    fn step(self, delta: i32) -> Self {
        let index = i32::from(self.year) * 12 + i32::from(self.month) - 1 + delta;
        let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
        match (u16::try_from(year), u8::try_from(month)) {
            (Ok(year @ 1..=9999), Ok(month)) => Self { year, month },
            _ => self,
        }
    }

    fn first_day(self) -> Option<Date> {
        Date::from_ymd(self.year, self.month, 1)
    }
}

/// The 📅 button and its calendar. Returns the day the user picked, `Some(None)`
/// for *No date*, or `None` when nothing was picked this frame.
pub fn date_picker_ui(
    ui: &mut Ui,
    id: egui::Id,
    current: Option<Date>,
    today: Date,
    tr: Tr,
) -> Option<Option<Date>> {
    let button = ui.small_button("📅").on_hover_text(tr.t(T::PickDate));
    // Name the button for screen readers (and tests): an emoji is not a name.
    ui.ctx().accesskit_node_builder(button.id, |node| {
        node.set_label(tr.t(T::PickDate));
    });
    let month_id = id.with("month");
    if button.clicked() {
        let start = ShownMonth::of(current.unwrap_or(today));
        ui.ctx().data_mut(|d| d.insert_temp(month_id, start));
    }
    let mut picked = None;
    Popup::from_toggle_button_response(&button)
        .id(id)
        .close_behavior(PopupCloseBehavior::CloseOnClickOutside)
        .show(|ui| {
            let shown = ui
                .ctx()
                .data(|d| d.get_temp::<ShownMonth>(month_id))
                .unwrap_or_else(|| ShownMonth::of(current.unwrap_or(today)));
            let (next, day) = calendar_ui(ui, shown, current, today, tr);
            ui.ctx().data_mut(|d| d.insert_temp(month_id, next));
            if day.is_some() {
                picked = day;
                ui.close();
            }
        });
    picked
}

/// One month as a grid of days, Monday first. Returns the month to show next frame
/// and the day picked, if any.
fn calendar_ui(
    ui: &mut Ui,
    shown: ShownMonth,
    current: Option<Date>,
    today: Date,
    tr: Tr,
) -> (ShownMonth, Option<Option<Date>>) {
    let mut next = shown;
    let mut picked = None;
    ui.horizontal(|ui| {
        if ui
            .small_button("‹")
            .on_hover_text(tr.t(T::PreviousMonth))
            .clicked()
        {
            next = shown.step(-1);
        }
        ui.strong(month_title(shown.year, shown.month, tr));
        if ui
            .small_button("›")
            .on_hover_text(tr.t(T::NextMonth))
            .clicked()
        {
            next = shown.step(1);
        }
    });
    let Some(first) = shown.first_day() else {
        return (next, None);
    };
    let weekdays = if tr.chinese() {
        WEEKDAYS_ZH
    } else {
        WEEKDAYS_EN
    };
    egui::Grid::new(ui.id().with("days"))
        .spacing([2.0, 2.0])
        .show(ui, |ui| {
            for name in weekdays {
                ui.label(RichText::new(name).weak());
            }
            ui.end_row();
            for _ in 0..first.weekday() {
                ui.label("");
            }
            let mut column = first.weekday();
            let mut day = Some(first);
            while let Some(date) = day.filter(|d| d.month() == shown.month) {
                let mut text = RichText::new(date.day().to_string());
                if date == today {
                    text = text.strong().underline();
                }
                if ui.selectable_label(current == Some(date), text).clicked() {
                    picked = Some(Some(date));
                }
                column += 1;
                if column == 7 {
                    ui.end_row();
                    column = 0;
                }
                day = date.add_days(1);
            }
        });
    ui.horizontal(|ui| {
        if ui.button(tr.t(T::Today)).clicked() {
            picked = Some(Some(today));
        }
        if ui.button(tr.t(T::NoDate)).clicked() {
            picked = Some(None);
        }
    });
    (next, picked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;

    fn date(y: u16, m: u8, d: u8) -> Date {
        Date::from_ymd(y, m, d).unwrap()
    }

    #[test]
    fn long_dates_name_the_weekday_in_both_languages() {
        let day = date(2026, 12, 5);
        assert_eq!(long_date(day, Tr(Language::English)), "Sat 5 Dec 2026");
        assert_eq!(
            long_date(day, Tr(Language::Chinese)),
            "2026年12月5日（周六）"
        );
        assert_eq!(
            long_date(date(2026, 5, 12), Tr(Language::English)),
            "Tue 12 May 2026"
        );
    }

    #[test]
    fn months_step_across_years_and_stop_at_the_calendar_ends() {
        let dec = ShownMonth {
            year: 2026,
            month: 12,
        };
        assert_eq!(
            dec.step(1),
            ShownMonth {
                year: 2027,
                month: 1
            }
        );
        assert_eq!(
            ShownMonth {
                year: 2027,
                month: 1
            }
            .step(-1),
            dec
        );
        let last = ShownMonth {
            year: 9999,
            month: 12,
        };
        assert_eq!(last.step(1), last);
        let first = ShownMonth { year: 1, month: 1 };
        assert_eq!(first.step(-1), first);
        assert_eq!(month_title(2026, 12, Tr(Language::Chinese)), "2026年12月");
        assert_eq!(
            month_title(2026, 12, Tr(Language::English)),
            "December 2026"
        );
    }
}
