//! The QR code of the share link, on the share dialog and the printed summary, so that a founder at
//! a park's service desk takes the result home on a phone. The widget renders the code's box with
//! the link in `data-qr`; the host page's script (www/early.js `PMEarly.qr`, for the standalone page
//! and the custom element alike) draws the code into it with the QR module (src/qr.rs, a wasm module
//! of its own, fetched the first time a code is asked for), and shows the line below the box if no
//! code can be made — the link stays there to copy. No hook or component here: the widget's own
//! module stays as small as it was.

use yew::prelude::*;

use crate::catalog::Lang;
use crate::words::ui as w;

/// The box of `link`'s QR code with its caption; `class`: `pm-share-qr` beside the share link,
/// `pm-print-qr` on the printout (which also prints the link under the code).
pub fn qr_code(link: &str, lang: Lang, class: &'static str) -> Html {
    html! {
        <figure class={classes!("pm-qr", class)}>
            <div class="pm-qr-code" role="img" aria-label={w::QR_LABEL.get(lang)} data-qr={link.to_string()} />
            <figcaption>
                { w::QR_CAPTION.get(lang) }
                if class == "pm-print-qr" {
                    <span class="pm-qr-link">{ link.to_string() }</span>
                }
                <span class="pm-qr-failed" hidden=true>{ w::QR_FAILED.get(lang) }</span>
            </figcaption>
        </figure>
    }
}
