//! A new board: title, question, template, and its meeting (date, place, online link).

use leptos::{html, prelude::*};
use leptos_router::hooks::use_navigate;

use crate::{
    boards::{
        actions,
        model::{Meeting, NewBoard, Template},
        strings::{use_strings, Strings},
    },
    browser,
};

/// The templates a board starts from: (value, label, column titles).
fn templates(s: &'static Strings) -> [(&'static str, &'static str, &'static str); 4] {
    [
        ("works", s.template_works, s.columns_works),
        ("ssc", s.template_ssc, s.columns_ssc),
        ("lenses", s.template_lenses, s.columns_lenses),
        ("open", s.template_open, s.columns_open),
    ]
}

/// The new-board page.
#[component]
pub fn NewBoardPage() -> impl IntoView {
    let strings = use_strings();
    let navigate = use_navigate();
    let facts = crate::platform::facts::use_facts();
    let error = RwSignal::new(None::<&'static str>);
    let title = NodeRef::<html::Input>::new();
    let question = NodeRef::<html::Textarea>::new();
    let template = NodeRef::<html::Select>::new();
    let date = NodeRef::<html::Input>::new();
    let place = NodeRef::<html::Input>::new();
    let link = NodeRef::<html::Input>::new();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let s = strings.get_untracked();
        let value = |n: NodeRef<html::Input>| n.get().map(|i| i.value()).unwrap_or_default();
        let typed_title = value(title);
        if typed_title.trim().is_empty() {
            error.set(Some(s.need_title));
            browser::focus_soon("#board-title");
            return;
        }
        let typed_link = value(link);
        if !typed_link.trim().is_empty() && !browser::is_http_link(typed_link.trim()) {
            error.set(Some(s.bad_link));
            browser::focus_soon("#board-link");
            return;
        }
        let chosen = template.get().map(|t| t.value()).unwrap_or_default();
        let columns = templates(s)
            .into_iter()
            .find(|(v, _, _)| *v == chosen)
            .map_or(s.columns_works, |(_, _, c)| c);
        let board = NewBoard {
            title: typed_title,
            question: question.get().map(|q| q.value()).unwrap_or_default(),
            template: Template::Columns,
            columns: columns.split('|').map(str::to_string).collect(),
        };
        let meeting = Meeting {
            date: value(date),
            place: value(place),
            link: typed_link,
            agenda: String::new(),
        };
        if let Some(id) = actions::create(facts, board, meeting) {
            navigate(&format!("/boards/{id}"), Default::default());
        }
    };
    view! {
        <section class="page boards-new">
            <p><a href="/boards">{move || strings.get().back}</a></p>
            <h1 tabindex="-1">{move || strings.get().new_heading}</h1>
            <form class="form" on:submit=submit novalidate>
                <label for="board-title">{move || strings.get().title_label}</label>
                <input id="board-title" node_ref=title dir="auto" maxlength="120" required
                    aria-invalid=move || (error.get() == Some(strings.get().need_title)).then_some("true")
                    aria-describedby="board-error" />
                <label for="board-question">{move || strings.get().question_label}</label>
                <textarea id="board-question" node_ref=question dir="auto" rows="2" aria-describedby="board-question-hint"></textarea>
                <p class="hint" id="board-question-hint">{move || strings.get().question_hint}</p>
                <label for="board-template">{move || strings.get().template_label}</label>
                <select id="board-template" node_ref=template>
                    {move || templates(strings.get()).into_iter().map(|(v, label, _)| view! { <option value=v>{label}</option> }).collect_view()}
                </select>
                <label for="board-date">{move || strings.get().date_label}</label>
                <input id="board-date" node_ref=date type="date" />
                <label for="board-place">{move || strings.get().place_label}</label>
                <input id="board-place" node_ref=place dir="auto" />
                <label for="board-link">{move || strings.get().link_label}</label>
                <input id="board-link" node_ref=link type="url" dir="ltr" inputmode="url"
                    aria-invalid=move || (error.get() == Some(strings.get().bad_link)).then_some("true")
                    aria-describedby="board-error" />
                <p id="board-error" class="field-error" role="alert">{move || error.get()}</p>
                <button type="submit" class="button" id="create-board">{move || strings.get().create}</button>
            </form>
        </section>
    }
}
