//! The keys a serde struct reads, asked of its `Deserialize` implementation: for a
//! table whose keys two structs share (`[[staff]]`: the person's own keys and their
//! [`Limits`](crate::Limits)), so that a key neither knows is refused with the list
//! of both.

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// The field names `T` reads, in declaration order; empty unless `T` is a struct.
pub(crate) fn field_names<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut names: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldCatcher { names: &mut names });
    names
}

/// A deserializer that records the fields a struct asks for, then stops.
struct FieldCatcher<'a> {
    names: &'a mut &'static [&'static str],
}

/// The error that stops [`FieldCatcher`].
#[derive(Debug)]
struct Caught;

impl std::fmt::Display for Caught {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("field names caught")
    }
}

impl std::error::Error for Caught {}

impl de::Error for Caught {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Caught
    }
}

impl<'de> Deserializer<'de> for FieldCatcher<'_> {
    type Error = Caught;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Caught> {
        *self.names = fields;
        Err(Caught)
    }

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Caught> {
        Err(Caught)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Two {
        first: u32,
        #[serde(rename = "second_key")]
        second: String,
    }

    #[test]
    fn field_names_are_the_keys_in_declaration_order() {
        assert_eq!(field_names::<Two>(), ["first", "second_key"]);
        assert!(field_names::<u32>().is_empty());
    }
}
