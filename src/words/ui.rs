//! The widget's phrases, by screen, in zh and en: every fixed label, button and sentence of the
//! views in `crate::ui` as a named [`Phrase`], and the sentences that take values (counts, dates,
//! a problem's words) as functions returning the text in one language, or a [`Text`] in both for
//! a notice. The crash screen's words are here too (`ui::crash` uses nothing else of the app). The
//! catalog's own texts are data, not phrases. The functions are `#[inline]`: each has one or two
//! callers, and inlined they cost the wasm no more than the `match` they replaced at the call site.

use super::{Phrase, Text};
use crate::catalog::Lang;
use crate::engine::{Group, PerGroup};

// The page (`app`): its header, the progress line, the printout and the notices.
pub const SKIP_TO_RESULTS: Phrase = Phrase { zh: "跳到结果", en: "Skip to the results" };
pub const TITLE: Phrase = Phrase { zh: "政策匹配自测", en: "Which support measures fit you?" };
pub const PRIVACY: Phrase = Phrase {
    zh: "回答几个问题，即可看到中关村及海淀相关支持政策是否适用于您，并附原文依据。您的回答只在本设备上计算，不会发送到任何服务器。",
    en: "Answer a few questions to see which Zhongguancun and Haidian support measures apply to you, with the source text for every criterion. Your answers are evaluated on this device and never sent anywhere.",
};
pub const SEE_RESULTS: Phrase = Phrase { zh: "查看结果 ↓", en: "See results ↓" };
pub const PRINT_EVALUATED_ON: Phrase = Phrase { zh: "评估日期：", en: "Evaluated on " };
pub const PRINT_CATALOG: Phrase = Phrase { zh: "目录版本：", en: "catalog " };
pub const PRINT_ANSWERS: Phrase = Phrase { zh: "您的回答：", en: "Your answers: " };
pub const NO_ANSWERS_YET: Phrase = Phrase { zh: "（尚未回答）", en: "(none yet)" };
pub const LABEL_COLON: Phrase = Phrase { zh: "：", en: ": " };
pub const DISMISS: Phrase = Phrase { zh: "知道了", en: "Dismiss" };

/// The progress line: questions answered of those that apply, and the programmes that meet the
/// published conditions and are to confirm.
#[inline]
pub fn progress(answered: usize, questions: usize, eligible: usize, confirm: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已回答 {answered}/{questions} 题 · 符合已公布条件 {eligible} 项 · 待确认 {confirm} 项"),
        Lang::En => {
            format!(
                "{answered} of {questions} answered · {eligible} meet the published conditions · {confirm} to confirm"
            )
        }
    }
}

/// What the live region reads out after each change: every group's count of programmes.
#[inline]
pub fn live_counts(c: &PerGroup<usize>, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "符合已公布的条件 {} 项，待确认 {} 项，可关注 {} 项，不符合 {} 项，未生效或已失效 {} 项",
            c[Group::Eligible],
            c[Group::Confirm],
            c[Group::WorthALook],
            c[Group::Ineligible],
            c[Group::Inactive]
        ),
        Lang::En => format!(
            "{} meet the published conditions, {} to confirm, {} worth a look, {} not eligible, {} not in force",
            c[Group::Eligible],
            c[Group::Confirm],
            c[Group::WorthALook],
            c[Group::Ineligible],
            c[Group::Inactive]
        ),
    }
}

// The notices above the widget (`session`, `app`): what happened to answers from a link, from
// this device, or under a new catalog.
pub const SAVED_FROM_OLDER_CATALOG: Phrase = Phrase {
    zh: "您保存的回答来自较早的目录版本，已按当前目录重新评估。",
    en: "Your saved answers come from an earlier catalog version; they were re-evaluated against the current one.",
};

/// The answers saved on this device could not be read (`why`: the problems, in each language).
#[inline]
pub fn saved_answers_damaged(why: impl Fn(Lang) -> String) -> Text {
    Text {
        zh: format!("本设备上保存的回答已损坏，无法读取（{}），已清除并重新开始。", why(Lang::Zh)),
        en: format!("The answers saved on this device were damaged and could not be read ({}). They were cleared; you are starting fresh.", why(Lang::En)),
    }
}

/// A share link made with another catalog version than the page's.
#[inline]
pub fn link_from_other_catalog(link: &str, page: &str) -> Text {
    Text {
        zh: format!("此链接生成于目录版本 {link}，本页使用 {page}。已载入链接中的回答，结论可能与分享者看到的不同。"),
        en: format!("This link was made with catalog version {link}; this page uses {page}. Its answers were loaded, but verdicts may differ from what the sender saw."),
    }
}

/// A share link that could not be read (`why`: its problems, in each language).
#[inline]
pub fn share_link_unreadable(why: impl Fn(Lang) -> String) -> Text {
    Text {
        zh: format!("无法读取分享链接：{}。链接中的内容均未采用。", why(Lang::Zh)),
        en: format!("The share link could not be read: {}. Nothing from it was applied.", why(Lang::En)),
    }
}

/// Answers a new catalog does not accept (`list`: their field ids), removed.
#[inline]
pub fn answers_removed(list: &str) -> Text {
    Text {
        zh: format!("新目录不接受以下回答，已移除：{list}"),
        en: format!("The new catalog does not accept these answers, so they were removed: {list}"),
    }
}

/// A language whose texts could not be fetched (`why`: the reason).
#[inline]
pub fn language_failed(l: Lang, why: &str) -> Text {
    let (zh, en) = match l {
        Lang::Zh => ("中文", "Chinese"),
        Lang::En => ("英文", "English"),
    };
    Text {
        zh: format!("无法加载{zh}文本（{why}），仍以当前语言显示。请联网后重试。"),
        en: format!(
            "The {en} texts could not be loaded ({why}); the widget stays in this language. Try again when online."
        ),
    }
}

// The toolbar and the footer (`toolbar`).
pub const EVALUATE_AS_OF: Phrase = Phrase { zh: "评估日期", en: "Evaluate as of" };
pub const MAKE_SHARE_LINK: Phrase = Phrase { zh: "生成分享链接", en: "Make a share link" };
pub const PRINT: Phrase = Phrase { zh: "打印", en: "Print" };
pub const EXPORT_JSON: Phrase = Phrase { zh: "导出 JSON", en: "Export JSON" };
pub const EXPORT_CSV: Phrase = Phrase { zh: "导出 CSV", en: "Export CSV" };
pub const CLEAR_ALL_ANSWERS: Phrase = Phrase { zh: "清空所有回答", en: "Clear all answers" };
pub const ALL_ANSWERS_CLEARED: Phrase = Phrase { zh: "已清空所有回答。", en: "All answers were cleared. " };
pub const UNDO: Phrase = Phrase { zh: "撤销", en: "Undo" };
pub const SHARE_LINK: Phrase = Phrase {
    zh: "分享链接（已尝试复制；回答只保存在链接中，不会发送到服务器）：",
    en: "Share link (copied if your browser allows; the answers travel in the link only, never to a server):",
};
/// The share link's QR code (`qr`): its name for screen readers, its caption, and why it is missing.
pub const QR_LABEL: Phrase = Phrase { zh: "分享链接的二维码", en: "QR code of the share link" };
pub const QR_CAPTION: Phrase = Phrase {
    zh: "用手机扫码，即可在手机上打开这份结果。",
    en: "Scan it to open these results on a phone.",
};
pub const QR_FAILED: Phrase = Phrase {
    zh: "无法生成二维码；请复制上面的链接。",
    en: "No QR code could be made; copy the link instead.",
};
pub const REMEMBER_ANSWERS: Phrase =
    Phrase { zh: "在本设备上记住我的回答", en: "Remember my answers on this device" };
pub const CATALOG_VERSION: Phrase = Phrase { zh: "目录版本", en: "Catalog version" };
pub const MEASURES: Phrase = Phrase { zh: "项措施", en: "measures" };
/// The language switch's label, the same in both languages.
pub const LANGUAGES: &str = "语言 / Language";

/// A language's name on its own button, in that language.
#[inline]
pub fn language_name(l: Lang) -> &'static str {
    match l {
        Lang::Zh => "中文",
        Lang::En => "English",
    }
}

// The questionnaire (`questions`), both modes and guided mode's "done" page.
pub const QUESTIONS: Phrase = Phrase { zh: "问题", en: "Questions" };
pub const ABOUT_YOU: Phrase = Phrase { zh: "关于您", en: "About you" };
pub const SHOW_ALL_QUESTIONS: Phrase = Phrase { zh: "显示全部问题", en: "Show all questions" };
pub const ONE_AT_A_TIME: Phrase = Phrase { zh: "一次一题", en: "One question at a time" };
pub const BACK: Phrase = Phrase { zh: "← 上一题", en: "← Back" };
pub const NOT_SURE_SKIP: Phrase = Phrase { zh: "不确定，跳过", en: "Not sure — skip" };
pub const CONTINUE: Phrase = Phrase { zh: "继续 →", en: "Continue →" };
pub const DONE: Phrase =
    Phrase { zh: "完成：其余问题都不会改变结果", en: "Done: no other answer can change a result" };
pub const CHANGE_LAST_ANSWER: Phrase = Phrase { zh: "← 修改上一题", en: "← Change the last answer" };
pub const DONE_SEE_RESULTS: Phrase = Phrase { zh: "查看结果 ↓", en: "See the results ↓" };
pub const CLEAR_THIS_ANSWER: Phrase = Phrase { zh: "清除此题", en: "Clear this answer" };
pub const PLEASE_ENTER: Phrase = Phrase { zh: "请填写：", en: "Please enter " };

/// Guided mode: where the person is (`k`: this question; `n`: about how many in all).
#[inline]
pub fn guided_step(k: usize, n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第 {k} 题，约 {n} 题"),
        Lang::En => format!("Question {k} of about {n}"),
    }
}

/// The "done" page's counts of programmes.
#[inline]
pub fn done_counts(c: &PerGroup<usize>, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "符合已公布的条件 {} 项 · 待确认 {} 项 · 可关注 {} 项。",
            c[Group::Eligible],
            c[Group::Confirm],
            c[Group::WorthALook]
        ),
        Lang::En => format!(
            "{} meet the published conditions · {} to confirm · {} worth a look.",
            c[Group::Eligible],
            c[Group::Confirm],
            c[Group::WorthALook]
        ),
    }
}

/// The "done" page, after the counts: how many questions were skipped.
#[inline]
pub fn skipped(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("您跳过了 {n} 题；回答它们可能确认更多措施。"),
        Lang::En => format!(" You skipped {n}; answering may confirm more."),
    }
}

/// The hint on the engine's next question (all questions on one page): how many measures an
/// answer to it decides.
#[inline]
pub fn next_question_hint(decides: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("建议下一题回答此项——它可决定 {decides} 项措施"),
        Lang::En => format!("Answer this next — it decides {decides} measure{}", if decides == 1 { "" } else { "s" }),
    }
}

// The filter bar (`filters`).
pub const SEARCH: Phrase = Phrase { zh: "搜索", en: "Search" };
pub const SEARCH_PLACEHOLDER: Phrase = Phrase {
    zh: "名称、领域或支持方式，中英文均可",
    en: "Name, field or support, in English or Chinese",
};
pub const FILTER_SUPPORT: Phrase = Phrase { zh: "支持方式", en: "Support type" };
pub const FILTER_ISSUER: Phrase = Phrase { zh: "发布机关", en: "Issuer" };
pub const FILTER_STATUS: Phrase = Phrase { zh: "状态", en: "Status" };
pub const FILTER_ALL: Phrase = Phrase { zh: "全部", en: "All" };
pub const FILTER_OPEN: Phrase =
    Phrase { zh: "可申请（有效或有效期未载明）", en: "Open (in force or validity not stated)" };
pub const FILTER_NOT_IN_FORCE: Phrase = Phrase { zh: "未生效或已失效", en: "Not in force" };
pub const CLEAR_FILTERS: Phrase = Phrase { zh: "清除筛选", en: "Clear filters" };

/// How many measures the filters leave (`shown`) of all the results (`total`).
#[inline]
pub fn filtered_count(shown: usize, total: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("筛选后显示 {shown} / {total} 项措施。"),
        Lang::En => format!("The filters show {shown} of {total} measures. "),
    }
}

// The results (`results`) and "what would open more".
pub const RESULTS: Phrase = Phrase { zh: "结果", en: "Results" };
pub const EVALUATING: Phrase = Phrase { zh: "正在评估……", en: "Evaluating…" };
pub const ASK_WHAT_WOULD_OPEN_MORE: Phrase =
    Phrase { zh: "哪一项变化能开启更多支持？", en: "Which one change would open more support?" };
pub const WHAT_WOULD_OPEN_MORE_LABEL: Phrase =
    Phrase { zh: "可开启更多支持的变化", en: "What would open more" };
pub const WHAT_WOULD_OPEN_MORE: Phrase =
    Phrase { zh: "哪一项变化能开启更多支持", en: "What one change would open more" };
pub const NO_CHANGE_OPENS_MORE: Phrase = Phrase {
    zh: "没有单项变化能让更多措施变为符合或待确认。",
    en: "No single change would move more measures to eligible or to confirm.",
};
pub const FILTERS_HIDE_GROUP: Phrase =
    Phrase { zh: "筛选条件隐藏了本组的全部措施。", en: "The filters hide every measure of this group." };
pub const NONE_ELIGIBLE_YET: Phrase = Phrase {
    zh: "暂无。回答更多问题后可能会出现。",
    en: "None yet. Answering more questions may change that.",
};
pub const NONE: Phrase = Phrase { zh: "无", en: "None" };

/// What an empty group says (`hidden`: the filters hide all its measures).
#[inline]
pub fn empty_group(v: Group, hidden: bool, lang: Lang) -> &'static str {
    match (v, hidden) {
        (_, true) => FILTERS_HIDE_GROUP.get(lang),
        (Group::Eligible, _) => NONE_ELIGIBLE_YET.get(lang),
        _ => NONE.get(lang),
    }
}

/// The button under a group's cards: how many the next press shows (`next`) of those left.
#[inline]
pub fn show_more(next: usize, left: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("再显示 {next} 项（共 {left} 项）"),
        Lang::En => format!("Show {next} more ({left} left)"),
    }
}

/// After a change in "what would open more": how many measures it opens, how many of them
/// meeting the published conditions.
#[inline]
pub fn opens_more(opens: usize, eligible: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(" → 另有 {opens} 项（{eligible} 项符合已公布的条件）："),
        Lang::En => format!(" → {opens} more ({eligible} meeting the published conditions): "),
    }
}

// A result card (`card`): its facts, what it leaves open, related measures, next steps.
pub const CARD_SUPPORT: Phrase = Phrase { zh: "支持方式", en: "Support" };
pub const AMOUNT: Phrase = Phrase { zh: "金额：", en: "Amount: " };
pub const NO_CONDITIONS_STATED: Phrase = Phrase {
    zh: "原文未载明申报条件，仅列明申请主体；请向发布机关了解。",
    en: "The text states no conditions beyond who may apply; ask the issuer.",
};
pub const RELATED_MEASURES: Phrase = Phrase { zh: "相关措施", en: "Related measures" };
pub const ANSWER_TO_CONFIRM: Phrase =
    Phrase { zh: "回答以下问题即可确认：", en: "Answer these to confirm:" };
pub const CONFIRM_LOOSE_WITH_ISSUER: Phrase = Phrase {
    zh: "原文条件表述宽泛，请向发布机关确认：",
    en: "The text states this loosely; confirm with the issuer:",
};
pub const CONDITIONS_NOT_MET: Phrase = Phrase { zh: "未满足的条件：", en: "Conditions not met:" };
pub const NEXT_STEPS: Phrase = Phrase { zh: "下一步", en: "Next steps" };
pub const ISSUED_BY: Phrase = Phrase { zh: "发布机关：", en: "Issued by: " };
pub const HOW_TO_APPLY: Phrase = Phrase { zh: "申报方式：", en: "How to apply: " };
pub const WHERE_TO_APPLY: Phrase = Phrase { zh: "受理地点：", en: "Where: " };
pub const CONTACT: Phrase = Phrase { zh: "联系方式：", en: "Contact: " };
pub const NO_WAY_TO_APPLY_STATED: Phrase = Phrase {
    zh: "原文未载明申报方式和联系方式，请关注发布机关的申报通知。",
    en: "The text names no way to apply and no contact: watch the issuer's calls for applications.",
};
pub const SOURCE: Phrase = Phrase { zh: "来源：", en: "Source: " };
pub const SOURCE_LINK: Phrase = Phrase { zh: "原文链接", en: "link" };
pub const SHOW_REASONS: Phrase = Phrase { zh: "查看逐条依据", en: "Show why, criterion by criterion" };
pub const HIDE_REASONS: Phrase = Phrase { zh: "收起依据", en: "Hide the reasons" };

// A card's reasons, criterion by criterion (`card::explain`).
pub const CRITERION_MET: Phrase = Phrase { zh: "满足", en: "met" };
pub const CRITERION_NOT_MET: Phrase = Phrase { zh: "不满足", en: "not met" };
pub const CRITERION_TO_CONFIRM: Phrase = Phrase { zh: "待确认", en: "to confirm" };
pub const CRITERION_NOT_ANSWERED: Phrase = Phrase { zh: "待回答", en: "not answered yet" };
pub const YOUR_ANSWER: Phrase = Phrase { zh: "；您的回答：", en: " — your answer: " };
pub const STATED_LOOSELY: Phrase = Phrase { zh: "原文表述宽泛：", en: "Stated loosely: " };
pub const MUST_NOT_HOLD: Phrase = Phrase { zh: "不得符合：", en: "Must not hold:" };
pub const ANY_OF: Phrase = Phrase { zh: "满足以下任一项：", en: "Any one of:" };
pub const ALL_OF: Phrase = Phrase { zh: "满足以下全部：", en: "All of:" };

/// Above the reasons: how many of the top-level criteria are met.
#[inline]
pub fn criteria_tally(met: usize, total: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("满足 {met}/{total} 项条件"),
        Lang::En if total == 1 => format!("Meets {met} of 1 criterion"),
        Lang::En => format!("Meets {met} of {total} criteria"),
    }
}

// The crash screen (`ui::crash`).
pub const CRASH_TITLE: Phrase = Phrase { zh: "出错了", en: "Something went wrong" };
pub const CRASH_TEXT: Phrase = Phrase {
    zh: "政策匹配工具遇到内部错误，未能继续。您的回答没有发送到任何地方。点击“重新开始”将清除本设备上保存的回答并重新加载。",
    en: "The policy matcher hit an internal error and stopped. Your answers were not sent anywhere. “Start over” clears the answers saved on this device and reloads.",
};
pub const CRASH_DETAILS: Phrase = Phrase { zh: "技术信息", en: "Technical details" };
pub const START_OVER: Phrase = Phrase { zh: "重新开始", en: "Start over" };
/// The standalone page's line when the widget cannot start, in both languages (before any
/// language is known).
pub const COULD_NOT_START: &str = "政策匹配工具无法启动 / policy-matcher could not start";
