//! Event adapter for GFM tables: writes them as GFM specifies (`align` attributes, no empty
//! `<tbody>`), which pulldown-cmark's writer does not (it uses `style` and always adds a body).

use pulldown_cmark::{Alignment, CowStr, Event, Tag, TagEnd};

pub(crate) struct Tables<I> {
    events: I,
    alignments: Vec<Alignment>,
    in_head: bool,
    body_open: bool,
    cell: usize,
}

impl<'a, I: Iterator<Item = Event<'a>>> Tables<I> {
    pub fn new(events: I) -> Self {
        Tables {
            events,
            alignments: Vec::new(),
            in_head: false,
            body_open: false,
            cell: 0,
        }
    }

    fn cell_start(&self) -> &'static str {
        let alignment = self.alignments.get(self.cell).copied().unwrap_or(Alignment::None);
        match (self.in_head, alignment) {
            (true, Alignment::None) => "<th>",
            (true, Alignment::Left) => "<th align=\"left\">",
            (true, Alignment::Center) => "<th align=\"center\">",
            (true, Alignment::Right) => "<th align=\"right\">",
            (false, Alignment::None) => "<td>",
            (false, Alignment::Left) => "<td align=\"left\">",
            (false, Alignment::Center) => "<td align=\"center\">",
            (false, Alignment::Right) => "<td align=\"right\">",
        }
    }

    /// The markup for a table event, or `None` for every other event.
    fn markup(&mut self, event: &Event<'_>) -> Option<&'static str> {
        Some(match event {
            Event::Start(Tag::Table(alignments)) => {
                self.alignments.clone_from(alignments);
                self.body_open = false;
                "<table>\n"
            }
            Event::Start(Tag::TableHead) => {
                self.in_head = true;
                self.cell = 0;
                "<thead>\n<tr>\n"
            }
            Event::End(TagEnd::TableHead) => {
                self.in_head = false;
                "</tr>\n</thead>\n"
            }
            Event::Start(Tag::TableRow) => {
                self.cell = 0;
                if self.body_open {
                    "<tr>\n"
                } else {
                    self.body_open = true;
                    "<tbody>\n<tr>\n"
                }
            }
            Event::End(TagEnd::TableRow) => "</tr>\n",
            Event::Start(Tag::TableCell) => self.cell_start(),
            Event::End(TagEnd::TableCell) => {
                self.cell += 1;
                if self.in_head {
                    "</th>\n"
                } else {
                    "</td>\n"
                }
            }
            Event::End(TagEnd::Table) => {
                if self.body_open {
                    "</tbody>\n</table>\n"
                } else {
                    "</table>\n"
                }
            }
            _ => return None,
        })
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Tables<I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let event = self.events.next()?;
        match self.markup(&event) {
            Some(markup) => Some(Event::Html(CowStr::Borrowed(markup))),
            None => Some(event),
        }
    }
}
