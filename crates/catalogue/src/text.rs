//! Full-text matching and ranking with tantivy, over the stems the domain analyser produces
//! (the same text both databases index), so that a query means the same thing here as in
//! SQLite's FTS5 and PostgreSQL's tsquery.

use essaim_domain::search::{Clause, SearchQuery};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::ColumnValues;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED,
};
use tantivy::tokenizer::{TextAnalyzer, WhitespaceTokenizer};
use tantivy::{DocId, Index, IndexReader, IndexWriter, Score, Searcher, SegmentReader, Term};

/// The title counts four times the body, as in the databases' rankings.
const TITLE_BOOST: f32 = 4.0;
/// Enough for the writer's minimum arena; documents are small.
const WRITER_MEMORY: usize = 20_000_000;

/// The fields of the schema: all a search needs besides a `Searcher` snapshot.
#[derive(Debug, Clone, Copy)]
pub struct TextFields {
    num: Field,
    title: Field,
    body: Field,
}

pub struct TextIndex {
    pub fields: TextFields,
    writer: IndexWriter,
    reader: IndexReader,
}

impl TextIndex {
    pub fn new() -> tantivy::Result<TextIndex> {
        let mut schema = Schema::builder();
        let num = schema.add_u64_field("num", INDEXED | FAST);
        // Stems are already folded ASCII words separated by spaces: split on spaces only.
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("stems")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let title = schema.add_text_field("title", text.clone());
        let body = schema.add_text_field("body", text);
        let index = Index::create_in_ram(schema.build());
        index
            .tokenizers()
            .register("stems", TextAnalyzer::from(WhitespaceTokenizer::default()));
        let writer = index.writer_with_num_threads(1, WRITER_MEMORY)?;
        let reader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()?;
        Ok(TextIndex {
            fields: TextFields { num, title, body },
            writer,
            reader,
        })
    }

    /// Replaces the document of `num` (call `commit` to make it visible).
    pub fn put(&mut self, num: u32, title: &str, body: &str) -> tantivy::Result<()> {
        self.remove(num);
        let f = self.fields;
        let mut doc = tantivy::TantivyDocument::default();
        doc.add_u64(f.num, u64::from(num));
        doc.add_text(f.title, title);
        doc.add_text(f.body, body);
        self.writer.add_document(doc)?;
        Ok(())
    }

    pub fn remove(&mut self, num: u32) {
        self.writer
            .delete_term(Term::from_field_u64(self.fields.num, u64::from(num)));
    }

    /// Makes the writes so far visible and returns a snapshot to search.
    pub fn commit(&mut self) -> tantivy::Result<Searcher> {
        self.writer.commit()?;
        self.reader.reload()?;
        Ok(self.reader.searcher())
    }

    /// Drops the writes since the last commit.
    pub fn rollback(&mut self) {
        if let Err(e) = self.writer.rollback() {
            tracing::error!(error = %e, "catalogue text index rollback failed");
        }
    }

    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }
}

impl TextFields {
    /// Every matching document as (num, score); None when the query has nothing to match on.
    /// Without `scored`, scores are 0 and matching skips the ranking arithmetic.
    pub fn matches(
        &self,
        searcher: &Searcher,
        query: &SearchQuery,
        scored: bool,
    ) -> tantivy::Result<Option<Vec<(u32, Score)>>> {
        let Some(query) = self.query(query) else {
            return Ok(None);
        };
        searcher.search(&query, &NumsAndScores { scored }).map(Some)
    }

    /// The query as tantivy clauses: every required clause must match in the title or the
    /// body, no excluded one may.
    fn query(&self, query: &SearchQuery) -> Option<BooleanQuery> {
        if query.is_empty() {
            return None;
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![];
        for c in &query.required {
            clauses.push((Occur::Must, self.clause(c)));
        }
        for c in &query.excluded {
            clauses.push((Occur::MustNot, self.clause(c)));
        }
        Some(BooleanQuery::new(clauses))
    }

    fn clause(&self, clause: &Clause) -> Box<dyn Query> {
        match clause {
            Clause::Term(t) => self.in_title_or_body(&[t.as_str()]),
            Clause::Phrase(ts) => {
                let words: Vec<&str> = ts.iter().map(String::as_str).collect();
                self.in_title_or_body(&words)
            }
            Clause::AnyOf(options) => Box::new(BooleanQuery::new(
                options
                    .iter()
                    .map(|o| (Occur::Should, self.clause(o)))
                    .collect(),
            )),
        }
    }

    fn in_title_or_body(&self, words: &[&str]) -> Box<dyn Query> {
        let on = |field: Field| -> Box<dyn Query> {
            let terms: Vec<Term> = words
                .iter()
                .map(|w| Term::from_field_text(field, w))
                .collect();
            match <[Term; 1]>::try_from(terms) {
                Ok([term]) => Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                Err(terms) => Box::new(PhraseQuery::new(terms)),
            }
        };
        Box::new(BooleanQuery::new(vec![
            (
                Occur::Should,
                Box::new(BoostQuery::new(on(self.title), TITLE_BOOST)),
            ),
            (Occur::Should, on(self.body)),
        ]))
    }
}

/// Collects every match with its score: the catalogue needs the whole match set for its
/// facet counts, not only the best page.
struct NumsAndScores {
    scored: bool,
}

struct SegmentNums {
    nums: std::sync::Arc<dyn ColumnValues<u64>>,
    out: Vec<(u32, Score)>,
}

impl Collector for NumsAndScores {
    type Fruit = Vec<(u32, Score)>;
    type Child = SegmentNums;

    fn for_segment(&self, _: u32, segment: &SegmentReader) -> tantivy::Result<SegmentNums> {
        Ok(SegmentNums {
            nums: segment.fast_fields().u64("num")?.first_or_default_col(0),
            out: vec![],
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scored
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(u32, Score)>>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.concat())
    }
}

impl SegmentCollector for SegmentNums {
    type Fruit = Vec<(u32, Score)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        // Nums are u32 by construction (see Catalogue::num_of).
        self.out.push((self.nums.get_val(doc) as u32, score));
    }

    fn harvest(self) -> Self::Fruit {
        self.out
    }
}
