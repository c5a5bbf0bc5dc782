//! The custom element's messages (`crate::embed`), in zh and en: a bad attribute value, a profile
//! `setProfile` refused, a runtime catalog refused, too large or not loaded. Each is a pair
//! `(zh, en)`, as `embed::Bridge::error` reports it to the host and shows it in the widget. The
//! functions are `#[inline]`, like `ui`'s: each has one caller.

use super::Phrase;
use crate::catalog::{Lang, Problem};
use crate::profile::ProfileError;

/// A message in both languages: `(zh, en)`.
pub type Pair = (String, String);

/// The `lang` attribute names no language the widget speaks.
#[inline]
pub fn bad_lang(v: &str) -> Pair {
    (
        format!("lang=\"{v}\" 无效；可选值：zh、en"),
        format!("lang=\"{v}\" is not a language this widget speaks; allowed: zh, en"),
    )
}

/// The `as-of` attribute is not a date (`why`: the date parser's words).
#[inline]
pub fn bad_date(v: &str, why: &crate::date::DateError) -> Pair {
    (
        format!("as-of=\"{v}\" 不是有效日期（应为 YYYY-MM-DD，如 2024-10-09）"),
        format!("as-of=\"{v}\" is not a date: {why}"),
    )
}

/// The `mode` attribute is neither `guided` nor `all`.
#[inline]
pub fn bad_mode(v: &str) -> Pair {
    (
        format!("mode=\"{v}\" 无效；可选值：guided（一次一题）、all（全部问题）"),
        format!("mode=\"{v}\" is not allowed; use guided (one question at a time) or all"),
    )
}

/// The `remember` attribute is not true or false.
#[inline]
pub fn bad_remember(v: &str) -> Pair {
    (
        format!("remember=\"{v}\" 无效；可选值：true、false"),
        format!("remember=\"{v}\" is not allowed; use true or false"),
    )
}

/// `setProfile` refused a profile (every problem named).
#[inline]
pub fn profile_refused(e: &ProfileError) -> Pair {
    (
        format!("setProfile 的资料未被采用：{}", e.text(Lang::Zh)),
        format!("setProfile was refused: {}", e.text(Lang::En)),
    )
}

/// A runtime catalog (`setCatalogJson`) that does not parse or validate: its first five problems,
/// each where it is and what is wrong (the catalog's address is named once, the fixes left out).
#[inline]
pub fn catalog_unusable(source: &str, problems: &[Problem]) -> Pair {
    let first = |lang: Lang| {
        let (sep, list) = if lang == Lang::Zh { ("：", "；") } else { (": ", "; ") };
        let items: Vec<String> = problems
            .iter()
            .take(5)
            .map(|p| {
                let measure = p.measure.as_ref().map(|m| match lang {
                    Lang::Zh => format!("措施“{m}”"),
                    Lang::En => format!("measure \"{m}\""),
                });
                let at: Vec<String> =
                    [measure, Some(p.path.clone())].into_iter().flatten().filter(|x| !x.is_empty()).collect();
                let what = p.message.get(lang);
                if at.is_empty() {
                    what.to_string()
                } else {
                    format!("{}{sep}{what}", at.join(sep))
                }
            })
            .collect();
        let rest = problems.len().saturating_sub(5);
        let more = match (rest, lang) {
            (0, _) => String::new(),
            (n, Lang::Zh) => format!("（另有 {n} 处）"),
            (n, Lang::En) => format!(" (+{n} more)"),
        };
        format!("{}{more}", items.join(list))
    };
    (
        format!("无法使用目录 {source}：{}。仍使用内置目录。", first(Lang::Zh)),
        format!("The catalog at {source} cannot be used: {}. The bundled catalog is used instead.", first(Lang::En)),
    )
}

/// A `catalog-url` the element could not fetch (`reason`: why, from the browser).
#[inline]
pub fn catalog_failed(source: &str, reason: &str) -> Pair {
    (
        format!("无法加载目录 {source}（{reason}）。仍使用内置目录。"),
        format!("The catalog at {source} could not be loaded ({reason}). The bundled catalog is used instead."),
    )
}

/// A catalog (a `catalog-url` response, or `setCatalogJson`'s text) over `MAX_FILE_BYTES`,
/// refused before it is parsed (`bytes`: its size, when known).
#[inline]
pub fn catalog_too_large(source: &str, bytes: Option<f64>, lang: Lang) -> String {
    let limit = crate::catalog::MAX_FILE_BYTES;
    match (lang, bytes) {
        (Lang::Zh, Some(n)) => format!("目录 {source} 有 {} 字节，超过上限 {limit} 字节（32 MiB），未读取。仍使用内置目录。", super::number(n)),
        (Lang::Zh, None) => format!("目录 {source} 超过上限 {limit} 字节（32 MiB），已停止下载。仍使用内置目录。"),
        (Lang::En, Some(n)) => format!(
            "The catalog at {source} has {} bytes, over the limit of {limit} bytes (32 MiB); it was not read. The bundled catalog is used instead.",
            super::number(n)
        ),
        (Lang::En, None) => format!(
            "The catalog at {source} is over the limit of {limit} bytes (32 MiB); its download was stopped. The bundled catalog is used instead."
        ),
    }
}

/// The default module's answer to a runtime catalog: it has no catalog reader (the problem's
/// message, then its fix).
pub const NO_CATALOG_READER: Phrase = Phrase {
    zh: "此模块只含内置目录，不能读取其他目录",
    en: "this module carries only the bundled catalog and cannot read another one",
};
pub const NO_CATALOG_READER_FIX: Phrase = Phrase {
    zh: "用 policy-matcher.js 的 catalog-url 属性加载目录（它会载入含目录读取器的模块 policy-matcher-full）",
    en: "load the catalog with policy-matcher.js's catalog-url attribute (it loads the module with the catalog reader, policy-matcher-full)",
};
