//! A part of a view turned into the templates' values once, for every page that shows it: the
//! rows of a strategy's actions on its page and on each action's page, the strategy cards of
//! the home page and of the list of strategies, the breadcrumb trails. A view holding one is
//! turned into values by copying a reference, as tera passes its own values through serde
//! untouched.

use serde::Serialize;
use std::marker::PhantomData;

/// A `T` as the templates see it.
pub(crate) struct Converted<T> {
    values: tera::Value,
    of: PhantomData<fn() -> T>,
}

impl<T: Serialize> Converted<T> {
    pub(crate) fn of(part: &T) -> Self {
        Converted {
            values: tera::Value::from_serializable(part),
            of: PhantomData,
        }
    }
}

// Derived, this would ask `T: Clone`; a copy shares the values.
impl<T> Clone for Converted<T> {
    fn clone(&self) -> Self {
        Converted {
            values: self.values.clone(),
            of: PhantomData,
        }
    }
}

impl<T> Serialize for Converted<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.values.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::Converted;

    #[derive(serde::Serialize)]
    struct Part {
        title: &'static str,
        count: usize,
    }

    #[derive(serde::Serialize)]
    struct View<P> {
        part: P,
        parts: Vec<P>,
    }

    #[test]
    fn a_view_holding_a_converted_part_shows_the_part_itself() {
        let part = Part {
            title: "A <b> title longer than tera keeps inline",
            count: 3,
        };
        let converted = Converted::of(&part);
        let holding = View {
            part: converted.clone(),
            parts: vec![converted.clone(), converted],
        };
        let direct = View {
            part: &part,
            parts: vec![&part, &part],
        };
        assert_eq!(
            tera::Value::from_serializable(&holding),
            tera::Value::from_serializable(&direct)
        );
        assert_eq!(
            serde_json::to_value(&holding).expect("JSON"),
            serde_json::to_value(&direct).expect("JSON")
        );
    }
}
