//! Build script: data the library carries, prepared at build time.
//! - `locales`: the message files, as a table `i18n` parses at run time.
//! - `tzdb`: the IANA time zone database, compressed (`plan::tzdb`).

mod locales;
mod tzdb;

fn main() {
    locales::bundle();
    tzdb::bundle();
}
