//! Validating a document's `[document]` table: id, title, issuer, kind, number, dates, links and
//! the source it names.

use super::super::error::{t, Code};
use super::*;

impl Validator {
    pub(super) fn document(&mut self, d: &RawDocument) -> Option<Document> {
        let mut ok = true;
        if !valid_id(&d.id) {
            self.problem(
                Code::BadId,
                "document.id",
                t(format!("“{}”不是有效的政策文件 id", d.id), format!("\"{}\" is not a valid document id", d.id)),
                id_hint(),
            );
            ok = false;
        }
        let title = self.text(&d.title, "document.title", true);
        let issuer = self.text(&d.issuer, "document.issuer", true);
        let publication = self.text(&d.publication, "document.publication", false);
        let date = self.date(&d.date, "document.date");
        let from = self.date(&d.effective_from, "document.effective_from");
        let until = self.date(&d.effective_until, "document.effective_until");
        if let (Some(a), Some(b)) = (from, until) {
            if a > b {
                self.problem(
                    Code::DatesOutOfOrder,
                    "document.effective_until",
                    t(
                        format!("effective_until {b} 早于 effective_from {a}"),
                        format!("effective_until {b} is before effective_from {a}"),
                    ),
                    t("请核对日期", "check the dates"),
                );
            }
        }
        let url = self.url(&d.url, "document.url");
        if d.url.is_some() && url.is_none() {
            ok = false;
        }
        let kind = d.kind.as_deref().and_then(|k| {
            let parsed = DocumentKind::parse(k);
            if parsed.is_none() {
                self.problem(Code::UnknownKind,
                    "document.kind",
                    t(format!("未知的文件类型“{k}”"), format!("unknown document kind \"{k}\"")),
                    t(
                        "允许的值：policy（政策原文）、plan（发展规划）、report（新闻或发布会报道）",
                        "allowed: policy (the policy text proper), plan (a development plan), report (a news or press report)",
                    ),
                );
            }
            parsed
        });
        let notes = self.texts(&d.notes, "document.notes");
        if let Some(n) = &d.number {
            if n.trim().is_empty() {
                self.problem(
                    Code::EmptyNumber,
                    "document.number",
                    t("文号为空", "empty document number"),
                    t("来源没有文号时，删除 number", "remove number when the source gives none"),
                );
            }
        }
        if d.source_text.is_none() && d.url.is_none() {
            self.problem(
                Code::NoSource,
                "document",
                t("该政策文件没有写明来源", "the document names no source"),
                t(
                    "添加 source_text = \"sources/….txt\"（公布的原文）或 url = \"https://…\"",
                    "add source_text = \"sources/….txt\" (the text as published) or url = \"https://…\"",
                ),
            );
        }
        Some(Document {
            id: d.id.clone(),
            kind,
            file: self.file.clone(),
            title: title?,
            number: d.number.clone(),
            issuer: issuer?,
            date,
            publication,
            url,
            effective_from: from,
            effective_until: until,
            notes,
        })
        .filter(|_| ok)
    }
}
