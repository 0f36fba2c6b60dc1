//! The `timeline` query: how relations between two actors change, per period and per
//! direction.
//!
//! For each period (day, ISO week starting Monday, or month) and each direction (A→B, B→A)
//! that has events: the event count, counts by QuadClass, the mean Goldstein score and the
//! net cooperation
//!
//! ```text
//! net cooperation = (QC1 + QC2 − QC3 − QC4) / (QC1 + QC2 + QC3 + QC4)
//! ```
//!
//! from −1 (all conflict) to +1 (all cooperation), over the events that have a QuadClass
//! (events without one are counted in `events` and `unclassified` only). The mean Goldstein
//! score is over the events that have a score. Periods without events are not listed.
//!
//! Speed: SQLite aggregates per day, direction and QuadClass from the covering index
//! `events_dyad` (see [`crate::schema`]) without reading the events table, and the days are
//! folded into periods here; the work is proportional to the dyad's events, not the store's.

use rusqlite::types::Value;
use serde::Serialize;

use crate::query::{check_range, code_prefix, prefix_condition};
use crate::{Error, Result, Store};

/// Length of a timeline period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Period {
    /// One day.
    Day,
    /// An ISO week, Monday to Sunday, named by its Monday.
    Week,
    /// A calendar month.
    #[default]
    Month,
}

impl std::str::FromStr for Period {
    type Err = Error;

    fn from_str(text: &str) -> Result<Period> {
        match text.trim().to_ascii_lowercase().as_str() {
            "day" => Ok(Period::Day),
            "week" => Ok(Period::Week),
            "month" => Ok(Period::Month),
            _ => Err(Error::Query(format!(
                "period {text:?} is not day, week or month"
            ))),
        }
    }
}

/// A timeline to compute.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TimelineQuery {
    /// Actor A, a code prefix (`USA` matches `USAGOV`).
    pub a: String,
    /// Actor B, a code prefix.
    pub b: String,
    /// Period length.
    pub by: Period,
    /// First day, `YYYYMMDD`.
    pub from: Option<u32>,
    /// Last day, `YYYYMMDD`.
    pub to: Option<u32>,
    /// Only events of documents that mention one of these words (case-sensitive); empty:
    /// all. A topic makes the query read the events' rows, not only the covering index.
    pub topic: Vec<String>,
}

/// Which way the events of a [`TimelineRow`] go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Direction {
    /// From actor A to actor B.
    #[serde(rename = "A->B")]
    AToB,
    /// From actor B to actor A.
    #[serde(rename = "B->A")]
    BToA,
}

/// One period and direction of a timeline.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimelineRow {
    /// The period's name: `2013-02-27` (day), `2013-02-25` (the week's Monday) or `2013-02`.
    pub period: String,
    /// The period's first day, `YYYYMMDD`.
    pub start: u32,
    /// Which way the events go.
    pub direction: Direction,
    /// Source prefix of this direction (A for A→B).
    pub source: String,
    /// Target prefix of this direction.
    pub target: String,
    /// All events.
    pub events: u64,
    /// Events of QuadClass 1 to 4 (verbal cooperation, material cooperation, verbal
    /// conflict, material conflict).
    pub quad: [u64; 4],
    /// Events without a QuadClass.
    pub unclassified: u64,
    /// Mean Goldstein score of the events that have one.
    pub mean_goldstein: Option<f64>,
    /// `(QC1 + QC2 − QC3 − QC4) / (QC1 + QC2 + QC3 + QC4)`; `None` when no event has a
    /// QuadClass.
    pub net_cooperation: Option<f64>,
}

impl Store {
    /// SQLite's query plan for the A→B half of a timeline (`EXPLAIN QUERY PLAN` details),
    /// to check that it reads only the covering index `events_dyad`.
    pub fn explain_timeline(&self, query: &TimelineQuery) -> Result<Vec<String>> {
        let (sql, params) = direction_sql(query, &code_prefix(&query.a)?, &code_prefix(&query.b)?);
        let mut stmt = self
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .map_err(|e| self.sql(e))?;
        let lines = stmt
            .query_map(rusqlite::params_from_iter(params), |row| {
                row.get::<_, String>(3)
            })
            .and_then(|rows| rows.collect())
            .map_err(|e| self.sql(e))?;
        Ok(lines)
    }
}

/// Sums for one period and direction, before the means.
#[derive(Default)]
struct Acc {
    events: u64,
    quad: [u64; 4],
    unclassified: u64,
    goldstein_sum: f64,
    goldstein_n: u64,
}

impl Store {
    /// Computes a timeline (see the [module doc](self)), rows ordered by period then
    /// direction.
    pub fn timeline(&self, query: &TimelineQuery) -> Result<Vec<TimelineRow>> {
        check_range(query.from, query.to)?;
        let a = code_prefix(&query.a)?;
        let b = code_prefix(&query.b)?;
        let mut sums: std::collections::BTreeMap<(u32, Direction), Acc> = Default::default();
        for direction in [Direction::AToB, Direction::BToA] {
            let (source, target) = match direction {
                Direction::AToB => (&a, &b),
                Direction::BToA => (&b, &a),
            };
            let (sql, params) = direction_sql(query, source, target);
            let mut stmt = self.conn().prepare(&sql).map_err(|e| self.sql(e))?;
            let mut rows = stmt
                .query(rusqlite::params_from_iter(params))
                .map_err(|e| self.sql(e))?;
            while let Some(row) = rows.next().map_err(|e| self.sql(e))? {
                let read = || -> rusqlite::Result<(u32, Option<i64>, i64, f64, i64)> {
                    Ok((
                        row.get(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                    ))
                };
                let (date, quad, n, g_sum, g_n) = read().map_err(|e| self.sql(e))?;
                let acc = sums
                    .entry((period_start(date, query.by), direction))
                    .or_default();
                let n = n.max(0) as u64;
                acc.events += n;
                match quad {
                    Some(q @ 1..=4) => acc.quad[q as usize - 1] += n,
                    _ => acc.unclassified += n,
                }
                acc.goldstein_sum += g_sum;
                acc.goldstein_n += g_n.max(0) as u64;
            }
        }
        Ok(sums
            .into_iter()
            .map(|((start, direction), acc)| {
                let (source, target) = match direction {
                    Direction::AToB => (a.clone(), b.clone()),
                    Direction::BToA => (b.clone(), a.clone()),
                };
                let classified: u64 = acc.quad.iter().sum();
                let net = acc.quad[0] as f64 + acc.quad[1] as f64
                    - acc.quad[2] as f64
                    - acc.quad[3] as f64;
                TimelineRow {
                    period: period_name(start, query.by),
                    start,
                    direction,
                    source,
                    target,
                    events: acc.events,
                    quad: acc.quad,
                    unclassified: acc.unclassified,
                    mean_goldstein: (acc.goldstein_n > 0)
                        .then(|| acc.goldstein_sum / acc.goldstein_n as f64),
                    net_cooperation: (classified > 0).then(|| net / classified as f64),
                }
            })
            .collect())
    }
}

/// The per-day aggregate of one direction, with its parameters.
fn direction_sql(query: &TimelineQuery, source: &str, target: &str) -> (String, Vec<Value>) {
    let mut params = Vec::new();
    let s = prefix_condition("source_root", "source", source, &mut params);
    let t = prefix_condition("target_root", "target", target, &mut params);
    let mut sql = format!(
        "SELECT date, quad_class, count(*), total(goldstein), count(goldstein)
         FROM events WHERE {s} AND {t}"
    );
    if let Some(from) = query.from {
        sql.push_str(" AND date >= ?");
        params.push(Value::Integer(from.into()));
    }
    if let Some(to) = query.to {
        sql.push_str(" AND date <= ?");
        params.push(Value::Integer(to.into()));
    }
    let topic: Vec<&str> = query
        .topic
        .iter()
        .map(|w| w.trim())
        .filter(|w| !w.is_empty())
        .collect();
    if !topic.is_empty() {
        let any = vec!["instr(t.text, ?) > 0"; topic.len()].join(" OR ");
        sql.push_str(&format!(
            " AND doc IN (SELECT t.doc FROM documents t WHERE {any})"
        ));
        params.extend(topic.iter().map(|w| Value::Text(w.to_string())));
    }
    sql.push_str(" GROUP BY date, quad_class");
    (sql, params)
}

/// The first day (`YYYYMMDD`) of the period that contains `date`.
pub(crate) fn period_start(date: u32, by: Period) -> u32 {
    match by {
        Period::Day => date,
        Period::Month => date / 100 * 100 + 1,
        Period::Week => {
            let days = days_from_civil(date);
            // 1970-01-01 was a Thursday: (days + 3) mod 7 is 0 on Mondays.
            let monday = days - (days + 3).rem_euclid(7);
            civil_from_days(monday)
        }
    }
}

fn period_name(start: u32, by: Period) -> String {
    let (y, m, d) = (start / 10_000, start / 100 % 100, start % 100);
    match by {
        Period::Month => format!("{y:04}-{m:02}"),
        Period::Day | Period::Week => format!("{y:04}-{m:02}-{d:02}"),
    }
}

/// Days since 1970-01-01 of a `YYYYMMDD` date (proleptic Gregorian; H. Hinnant's algorithm).
pub(crate) fn days_from_civil(date: u32) -> i64 {
    let (y, m, d) = (
        i64::from(date / 10_000),
        i64::from(date / 100 % 100),
        i64::from(date % 100),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The `YYYYMMDD` date of a day count since 1970-01-01.
pub(crate) fn civil_from_days(days: i64) -> u32 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y.clamp(0, 9999) * 10_000 + m * 100 + d) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_round_trip() {
        assert_eq!(days_from_civil(19700101), 0);
        assert_eq!(days_from_civil(20000301), 11_017);
        for date in [19700101, 20000229, 20130227, 20131231, 20240101, 16000301] {
            assert_eq!(civil_from_days(days_from_civil(date)), date);
        }
    }

    #[test]
    fn periods() {
        // 2013-02-27 was a Wednesday; its week starts on Monday 2013-02-25.
        assert_eq!(period_start(20130227, Period::Week), 20130225);
        assert_eq!(period_start(20130225, Period::Week), 20130225);
        assert_eq!(period_start(20130303, Period::Week), 20130225); // Sunday
        assert_eq!(period_start(20130304, Period::Week), 20130304); // Monday
                                                                    // A week that starts in the previous year.
        assert_eq!(period_start(20130101, Period::Week), 20121231);
        assert_eq!(period_start(20130227, Period::Month), 20130201);
        assert_eq!(period_start(20130227, Period::Day), 20130227);
        assert_eq!(period_name(20130201, Period::Month), "2013-02");
        assert_eq!(period_name(20130225, Period::Week), "2013-02-25");
        assert_eq!("WEEK".parse::<Period>().unwrap(), Period::Week);
        assert!("fortnight".parse::<Period>().is_err());
    }
}
