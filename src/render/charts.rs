//! Charts: ECharts options built with `charming` from the model, serialised as JSON for a
//! `<script type="application/json">` data island. Each chart has ARIA on with a description
//! we write, decal patterns so series differ by more than colour, and a palette that passes
//! contrast. Pure: model in, JSON text out.

use crate::model::metric::{ChartKind, Metric};
use crate::model::period::Period;
use crate::model::status::{Rag, Status};
use charming::component::{Axis, Grid, Legend};
use charming::element::{
    AxisType, Color, ItemStyle, LineStyle, LineStyleType, Step, Symbol, Tooltip, Trigger,
};
use charming::series::{Bar, Line, Pie};
use charming::Chart;
use serde_json::json;

/// The Government Analysis Function's categorical palette (contrast-checked on white).
pub(crate) const PALETTE: [&str; 6] = [
    "#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1",
];

/// The colour of a RAG rating, as in the badges.
pub(crate) fn rag_colour(rag: Rag) -> &'static str {
    match rag {
        Rag::Red => "#D4351C",
        Rag::Amber => "#F47738",
        Rag::Green => "#00703C",
        Rag::Blue => "#1D70B8",
        Rag::Grey => "#505A5F",
    }
}

const TARGET_COLOUR: &str = "#0B0C0C";
const SYMBOLS: [Symbol; 4] = [
    Symbol::Circle,
    Symbol::Rect,
    Symbol::Triangle,
    Symbol::Diamond,
];

/// Serialises a chart for a data island: ARIA description set, animation off, and `<`, `>`,
/// `&` escaped so no text can close the script. The chart is written as charming writes it,
/// and the two settings (which charming cannot express) added at the end of the object.
pub(crate) fn to_island_json(chart: &Chart, description: &str) -> String {
    let mut json = serde_json::to_string(chart).unwrap_or_else(|_| "{}".to_string());
    let aria = json!({
        "enabled": true,
        "label": {"enabled": true, "description": description},
        "decal": {"show": true},
    });
    json.pop();
    if json.len() > 1 {
        json.push(',');
    }
    json.push_str(&format!("\"aria\":{aria},\"animation\":false}}"));
    escape_for_script(json)
}

/// Makes JSON safe inside `<script type="application/json">`. Read byte by byte: `<`, `>` and
/// `&` are ASCII, and 0xE2 starts U+2028 and U+2029 (and other characters, kept as they
/// are). JSON with none of them (most) is returned as it is.
pub(crate) fn escape_for_script(json: String) -> String {
    let needs_escape = |b: &u8| matches!(b, b'<' | b'>' | b'&' | 0xE2);
    let Some(first) = json.as_bytes().iter().position(needs_escape) else {
        return json;
    };
    let mut out = String::with_capacity(json.len() + 64);
    out.push_str(&json[..first]);
    let mut rest = &json[first..];
    while let Some(at) = rest.as_bytes().iter().position(needs_escape) {
        out.push_str(&rest[..at]);
        let c = rest[at..].chars().next().unwrap_or_default();
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            other => out.push(other),
        }
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// A short label for a period on an axis: "Jul 2019", "Q3 2019", "2019/20".
pub(crate) fn axis_label(period: Period) -> String {
    match period {
        Period::Month(y, m) => format!("{} {y}", &crate::model::period::month_name(m)[..3]),
        other => other.in_words(),
    }
}

fn base_chart(palette: &[&str]) -> Chart {
    Chart::new()
        .color(palette.iter().map(|c| Color::from(*c)).collect::<Vec<_>>())
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().bottom(0))
        .grid(
            Grid::new()
                .left(8)
                .right(16)
                .top(24)
                .bottom(48)
                .contain_label(true),
        )
}

/// The chart of a metric: its series over time and, for line-like charts, the target as a
/// stepped line that follows target changes.
pub(crate) fn metric_chart(metric: &Metric) -> Chart {
    let periods = metric.periods();
    if metric.chart == ChartKind::Pie {
        return metric_pie(metric);
    }
    let labels: Vec<String> = periods.iter().map(|p| axis_label(*p)).collect();
    let mut chart = base_chart(&PALETTE)
        .x_axis(Axis::new().type_(AxisType::Category).data(labels))
        // Lines show change, so their axis fits the data; bars and areas show size and start at 0.
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .scale(metric.chart == ChartKind::Line),
        );
    let stacked = matches!(metric.chart, ChartKind::StackedBar | ChartKind::StackedArea);
    for (i, series) in metric.series.iter().enumerate() {
        let values = metric.values(&series.id, &periods);
        chart = match metric.chart {
            ChartKind::Bar | ChartKind::StackedBar => {
                let mut bar = Bar::new().name(series.label.clone()).data(values);
                if stacked {
                    bar = bar.stack("total");
                }
                chart.series(bar)
            }
            _ => {
                let mut line = Line::new()
                    .name(series.label.clone())
                    .symbol(SYMBOLS[i % SYMBOLS.len()].clone())
                    .symbol_size(8)
                    .data(values);
                if matches!(metric.chart, ChartKind::Area | ChartKind::StackedArea) {
                    line = line.area_style(charming::element::AreaStyle::new());
                }
                if stacked {
                    line = line.stack("total");
                }
                chart.series(line)
            }
        };
    }
    for (name, values) in target_lines(metric, &periods) {
        chart = chart.series(
            Line::new()
                .name(name)
                .step(Step::End)
                .symbol(Symbol::None)
                .item_style(ItemStyle::new().color(TARGET_COLOUR))
                .line_style(
                    LineStyle::new()
                        .type_(LineStyleType::Dashed)
                        .width(2)
                        .color(TARGET_COLOUR),
                )
                .data(values),
        );
    }
    chart
}

/// One target line per distinct target set: "Target" when targets apply to every series,
/// "Target: <series>" for series-specific ones.
pub(crate) fn target_lines(metric: &Metric, periods: &[Period]) -> Vec<(String, Vec<Option<f64>>)> {
    if metric.targets.is_empty() {
        return Vec::new();
    }
    let series_specific = metric.targets.iter().any(|t| t.series.is_some());
    if !series_specific {
        let first = metric
            .series
            .first()
            .map(|s| s.id.as_str())
            .unwrap_or_default();
        let values = periods
            .iter()
            .map(|p| metric.target_for(first, *p).map(|t| t.value))
            .collect();
        return vec![("Target".to_string(), values)];
    }
    metric
        .series
        .iter()
        .map(|s| {
            let values: Vec<Option<f64>> = periods
                .iter()
                .map(|p| metric.target_for(&s.id, *p).map(|t| t.value))
                .collect();
            (format!("Target: {}", s.label), values)
        })
        .filter(|(_, values)| values.iter().any(Option::is_some))
        .collect()
}

fn metric_pie(metric: &Metric) -> Chart {
    let latest = metric.periods().last().copied();
    let data: Vec<(f64, String)> = metric
        .series
        .iter()
        .filter_map(|s| {
            latest
                .and_then(|p| metric.value(&s.id, p))
                .map(|v| (v, s.label.clone()))
        })
        .collect();
    Chart::new()
        .color(PALETTE.iter().map(|c| Color::from(*c)).collect::<Vec<_>>())
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .legend(Legend::new().bottom(0))
        .series(
            Pie::new()
                .name(metric.title.clone())
                .radius(vec!["35%", "65%"])
                .data(data),
        )
}

/// How many actions are in each status, per group (a theme, or a strategy), as a horizontal
/// stacked bar coloured by RAG.
pub(crate) fn status_chart(groups: &[(String, Vec<(Status, usize)>)]) -> Chart {
    let present: Vec<Status> = Status::ALL
        .into_iter()
        .filter(|s| {
            groups
                .iter()
                .any(|(_, counts)| counts.iter().any(|(c, n)| c == s && *n > 0))
        })
        .collect();
    let colours: Vec<&str> = present.iter().map(|s| rag_colour(s.rag())).collect();
    let mut chart = base_chart(&colours)
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .x_axis(Axis::new().type_(AxisType::Value).min_interval(1))
        .y_axis(
            Axis::new().type_(AxisType::Category).inverse(true).data(
                groups
                    .iter()
                    .map(|(name, _)| name.clone())
                    .collect::<Vec<_>>(),
            ),
        );
    for status in present {
        let values: Vec<f64> = groups
            .iter()
            .map(|(_, counts)| {
                counts
                    .iter()
                    .find(|(s, _)| *s == status)
                    .map_or(0.0, |(_, n)| *n as f64)
            })
            .collect();
        chart = chart.series(
            Bar::new()
                .name(status.label())
                .stack("actions")
                .data(values),
        );
    }
    chart
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Location;
    use crate::model::metric::{
        merge_points, DataPoint, Direction, Frequency, Series, Target, Unit,
    };
    use serde_json::Value;

    fn sla() -> Metric {
        let p = |t: &str| Period::parse(t).unwrap();
        let point = |s: &str, t: &str, v| DataPoint {
            series: s.into(),
            period: p(t),
            value: v,
            at: Location::file("m"),
        };
        Metric {
            slug: "sla".into(),
            title: "SLA".into(),
            description: String::new(),
            unit: Unit::Percent,
            direction: Direction::Up,
            frequency: Some(Frequency::Monthly),
            series: vec![Series {
                id: "vip".into(),
                label: "VIP <users>".into(),
            }],
            targets: vec![
                Target {
                    value: 90.0,
                    from: None,
                    to: Some(p("2017-07")),
                    series: None,
                    at: Location::file("m"),
                },
                Target {
                    value: 95.0,
                    from: Some(p("2017-08")),
                    to: None,
                    series: None,
                    at: Location::file("m"),
                },
            ],
            chart: ChartKind::Line,
            source: None,
            headline: true,
            points: merge_points(vec![
                point("vip", "2017-07", 93.0),
                point("vip", "2017-08", 96.0),
            ])
            .0,
            at: Location::file("m"),
        }
    }

    #[test]
    fn the_target_line_steps_with_target_changes() {
        let json = to_island_json(&metric_chart(&sla()), "desc");
        let option: Value = serde_json::from_str(&json).unwrap();
        let series = option["series"].as_array().unwrap();
        assert_eq!(series.len(), 2);
        assert_eq!(series[1]["name"], "Target");
        assert_eq!(series[1]["step"], "end");
        assert_eq!(series[1]["data"], json!([90.0, 95.0]));
        assert_eq!(series[0]["data"], json!([93.0, 96.0]));
        let x_axis = if option["xAxis"].is_array() {
            &option["xAxis"][0]
        } else {
            &option["xAxis"]
        };
        assert_eq!(x_axis["data"], json!(["Jul 2017", "Aug 2017"]));
    }

    #[test]
    fn aria_is_on_with_our_description_and_no_empty_decals() {
        let json = to_island_json(&metric_chart(&sla()), "VIP: 96% in August 2017");
        let option: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(option["aria"]["enabled"], true);
        assert_eq!(
            option["aria"]["label"]["description"],
            "VIP: 96% in August 2017"
        );
        assert_eq!(option["aria"]["decal"], json!({"show": true}));
        assert!(!json.contains("\"decals\":[]"));
    }

    #[test]
    fn island_json_cannot_close_its_script_element() {
        let json = to_island_json(&metric_chart(&sla()), "</script><script>alert(1)</script>");
        assert!(!json.contains('<') && !json.contains('>'), "{json}");
        let option: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            option["aria"]["label"]["description"],
            "</script><script>alert(1)</script>"
        );
        assert_eq!(option["series"][0]["name"], "VIP <users>");
    }

    #[test]
    fn status_chart_has_a_stacked_bar_per_status_present() {
        let chart = status_chart(&[
            (
                "Customer Focus".into(),
                vec![(Status::Complete, 2), (Status::Delayed, 1)],
            ),
            ("Infrastructure".into(), vec![(Status::Complete, 1)]),
        ]);
        let option: Value = serde_json::from_str(&to_island_json(&chart, "d")).unwrap();
        let names: Vec<&str> = option["series"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Delayed", "Complete"]);
        assert_eq!(option["series"][1]["data"], json!([2.0, 1.0]));
        assert_eq!(option["color"], json!(["#D4351C", "#1D70B8"]));
    }

    #[test]
    fn text_that_could_end_a_script_is_escaped() {
        let json = "{\"a\":\"</script><!-- & \\u2028 ok\",\"b\":\"é\u{2028}x\u{2029}>\"}";
        let escaped = escape_for_script(json.to_string());
        assert_eq!(
            escaped,
            "{\"a\":\"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028 ok\",\"b\":\"é\\u2028x\\u2029\\u003e\"}"
        );
        let back: Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, serde_json::from_str::<Value>(json).unwrap());
        // Other characters that start with the byte of U+2028 are kept as they are.
        let dashes = "{\"a\":\"2019–20 costs €5 … <b>\"}";
        assert_eq!(
            escape_for_script(dashes.to_string()),
            "{\"a\":\"2019–20 costs €5 … \\u003cb\\u003e\"}"
        );
        assert_eq!(escape_for_script("{\"a\":1}".to_string()), "{\"a\":1}");
    }
}
