//! The results as CSV, one row per measure, in the chosen language (the widget's export).

use crate::catalog::{Catalog, Lang};
use crate::engine::Evaluation;
use crate::words::{group_text, left_to_text, measure_status_text};

fn csv_cell(s: &str) -> String {
    // Quote every cell; neutralise spreadsheet formulas (a cell starting with = + - @).
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The results as CSV (one row per measure), in the chosen language.
pub fn csv(catalog: &Catalog, eval: &Evaluation, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let head: &[&str] = if zh {
        &[
            "编号",
            "措施",
            "结论",
            "状态",
            "发布机关",
            "文件",
            "文号",
            "支持方式",
            "待回答",
            "未满足的条件",
            "待确认",
            "具体条件",
        ]
    } else {
        &[
            "id",
            "measure",
            "verdict",
            "status",
            "issuer",
            "document",
            "number",
            "support",
            "still to answer",
            "criteria not met",
            "to confirm",
            "further conditions",
        ]
    };
    let mut out = head.iter().map(|h| csv_cell(h)).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    for r in &eval.results {
        let m = &catalog.measures[r.measure];
        let doc = &catalog.documents[m.document];
        let support: Vec<&str> = m.support.iter().map(|s| s.label(lang)).collect();
        let missing: Vec<&str> = eval.missing(r).iter().map(|&f| catalog.fields[f].label.get(lang)).collect();
        let failed: Vec<&str> =
            eval.failed(r).iter().filter_map(|&n| m.criteria.nodes[n].reason.as_ref()).map(|t| t.get(lang)).collect();
        let sep = if zh { "；" } else { "; " };
        let doubts: Vec<&str> = eval
            .doubts(r)
            .iter()
            .filter_map(|&n| m.criteria.nodes[n].loose.as_ref())
            .chain(m.unassessed.iter().map(|u| &u.rules))
            .map(|t| t.get(lang))
            .collect();
        let mut further = left_to_text(m, lang).unwrap_or_default();
        if !m.conditions_stated {
            if !further.is_empty() {
                further.push_str(sep);
            }
            further.push_str(if zh {
                "原文未载明申报条件"
            } else {
                "The text states no conditions for applying"
            });
        }
        let row = [
            m.id.as_str(),
            m.title.get(lang),
            group_text(r.group(), lang),
            &measure_status_text(catalog, m, r.status, eval.as_of, lang),
            m.issuer.get(lang),
            doc.title.get(lang),
            doc.number.as_deref().unwrap_or(""),
            &support.join(sep),
            &missing.join(sep),
            &failed.join(sep),
            &doubts.join(sep),
            &further,
        ]
        .iter()
        .map(|c| csv_cell(c))
        .collect::<Vec<_>>()
        .join(",");
        out.push_str(&row);
        out.push_str("\r\n");
    }
    out
}
