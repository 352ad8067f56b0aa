//! The metric CSV reader (`load::read_csv`) on arbitrary bytes. The first byte picks the
//! metric's frequency and series; the rest is the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plainsight::diag::{Diagnostics, Location};
use plainsight::load::read_csv;
use plainsight::model::metric::{ChartKind, Direction, Frequency, Metric, Series, Unit};
use plainsight_fuzz::Chunked;
use std::collections::BTreeSet;
use std::path::Path;

fn metric(config: u8) -> Metric {
    let frequency = match config % 6 {
        0 => None,
        1 => Some(Frequency::Daily),
        2 => Some(Frequency::Monthly),
        3 => Some(Frequency::Quarterly),
        4 => Some(Frequency::Annual),
        _ => Some(Frequency::FinancialYear),
    };
    let ids: &[&str] = match (config / 6) % 3 {
        0 => &["value"],
        1 => &["telephone", "email", "web", "face_to_face"],
        _ => &["vip", "standard"],
    };
    Metric {
        slug: "m".into(),
        title: "M".into(),
        description: String::new(),
        unit: Unit::Count,
        direction: Direction::Up,
        frequency,
        series: ids
            .iter()
            .map(|id| Series {
                id: id.to_string(),
                label: id.to_string(),
            })
            .collect(),
        targets: vec![],
        chart: ChartKind::Line,
        source: None,
        headline: false,
        points: vec![],
        at: Location::file("m.yaml"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&config, csv)) = data.split_first() else {
        return;
    };
    let metric = metric(config);
    let step = 1 + (config as usize >> 5) * 7;
    let mut diags = Diagnostics::new();
    let points = read_csv(
        Chunked::new(csv, step),
        Path::new("m.csv"),
        &metric,
        &mut diags,
    );
    let mut seen = BTreeSet::new();
    for point in &points {
        assert!(point.value.is_finite());
        assert!(metric.series.iter().any(|s| *s.id == *point.series));
        if let Some(freq) = metric.frequency {
            assert_eq!(point.period.kind(), freq.period_kind());
        }
        assert!(
            seen.insert((point.series.clone(), point.period)),
            "two figures for one series and period"
        );
        assert!(point.at.line >= 2, "figures are below the header");
    }
    if !points.is_empty() {
        // Reading in one piece gives the same figures.
        let mut again = Diagnostics::new();
        let whole = read_csv(csv, Path::new("m.csv"), &metric, &mut again);
        assert_eq!(whole, points);
    }
    for d in diags.sorted() {
        let _ = d.to_string();
    }
});
