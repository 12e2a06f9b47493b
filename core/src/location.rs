//! Location by policy, taken only at check-in time.
//!
//! The shell hands the core one fix while a check-in is open; the core
//! reduces it to what the program's policy names and nothing more:
//!
//! - `precise`: the fix as given;
//! - `coarse`: the centre of the policy's grid cell holding the fix, so no
//!   coordinate finer than the grid is ever stored or sent (the exact point
//!   is dropped here, before the draft is written);
//! - `area`: only whether the fix lies inside the approved circle or
//!   polygon, evaluated on the device; no coordinate at all;
//! - `none`: the fix is refused and nothing is kept.
//!
//! A fix older than `max_fix_age_s` (by the corrected clock), or stamped
//! that far in the future, is marked `stale`, one less accurate than `max_accuracy_m` is marked `inaccurate`,
//! and the platform's mock flag is carried as `mock`: never silently used.
//! There is no API for background or periodic location.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::policy::{Area, LocationMode, Policy};
use crate::protocol::wire_time;

/// Metres per degree of latitude (mean), as used by the grid.
const M_PER_DEG_LAT: f64 = 111_320.0;
/// Mean Earth radius for distances to an area's centre.
const EARTH_RADIUS_M: f64 = 6_371_000.0;
/// Longitude cells are never narrower than at ~89.4° of latitude.
const MIN_COS_LAT: f64 = 0.01;

/// One fix from the phone's location service, as the shell reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct LocationFix {
    pub lat: f64,
    pub lon: f64,
    /// Horizontal accuracy radius reported by the platform, in metres.
    pub accuracy_m: f64,
    /// When the platform took the fix.
    pub fix_time: DateTime<Utc>,
    /// `gps`, `network`, `fused`, …: as the platform names it.
    pub provider: String,
    /// The platform says the fix came from a mock provider.
    pub mock: bool,
}

/// The location value kept in the draft and sent in the record: exactly
/// what the policy allows, already reduced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "lowercase")]
pub enum SentLocation {
    Precise {
        lat: f64,
        lon: f64,
        accuracy_m: f64,
        #[serde(with = "wire_time")]
        fix_time: DateTime<Utc>,
        provider: String,
        mock: bool,
        stale: bool,
        inaccurate: bool,
    },
    Coarse {
        grid_m: u32,
        /// Centre of the grid cell holding the fix.
        lat: f64,
        lon: f64,
        #[serde(with = "wire_time")]
        fix_time: DateTime<Utc>,
        provider: String,
        mock: bool,
        stale: bool,
        inaccurate: bool,
    },
    Area {
        inside: bool,
        #[serde(with = "wire_time")]
        fix_time: DateTime<Utc>,
        provider: String,
        mock: bool,
        stale: bool,
        inaccurate: bool,
    },
}

impl SentLocation {
    pub fn mode(&self) -> LocationMode {
        match self {
            Self::Precise { .. } => LocationMode::Precise,
            Self::Coarse { .. } => LocationMode::Coarse,
            Self::Area { .. } => LocationMode::Area,
        }
    }

    /// Whether this value is what `policy` would produce now (same mode and,
    /// for coarse, the same grid).
    pub fn fits(&self, policy: &Policy) -> bool {
        match self {
            Self::Coarse { grid_m, .. } => {
                policy.evidence.location == LocationMode::Coarse
                    && *grid_m == policy.location.coarse_grid_m
            }
            other => other.mode() == policy.evidence.location,
        }
    }
}

/// Why a fix was not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LocationError {
    #[error("the program's policy does not collect location")]
    NotCollected,
    #[error("the location fix is not a valid position")]
    InvalidFix,
}

/// Applies `policy` to `fix` at corrected time `now`.
pub fn apply(
    policy: &Policy,
    fix: &LocationFix,
    now: DateTime<Utc>,
) -> Result<SentLocation, LocationError> {
    let valid = fix.lat.is_finite()
        && fix.lon.is_finite()
        && fix.accuracy_m.is_finite()
        && (-90.0..=90.0).contains(&fix.lat)
        && (-180.0..=180.0).contains(&fix.lon)
        && fix.accuracy_m >= 0.0;
    if !valid {
        return Err(LocationError::InvalidFix);
    }
    let rules = &policy.location;
    // A fix stamped further in the future than the allowed age is no more
    // current than an old one.
    let stale = (now - fix.fix_time).num_seconds().abs() > i64::from(rules.max_fix_age_s);
    let inaccurate = fix.accuracy_m > f64::from(rules.max_accuracy_m);
    let fix_time = wire_time::to_millis(fix.fix_time);
    let provider = fix.provider.chars().take(32).collect::<String>();
    let mock = fix.mock;
    Ok(match policy.evidence.location {
        LocationMode::None => return Err(LocationError::NotCollected),
        LocationMode::Precise => SentLocation::Precise {
            lat: fix.lat,
            lon: fix.lon,
            accuracy_m: fix.accuracy_m,
            fix_time,
            provider,
            mock,
            stale,
            inaccurate,
        },
        LocationMode::Coarse => {
            let grid_m = rules.coarse_grid_m;
            let (lat, lon) = snap(fix.lat, fix.lon, grid_m);
            SentLocation::Coarse {
                grid_m,
                lat,
                lon,
                fix_time,
                provider,
                mock,
                stale,
                inaccurate,
            }
        }
        LocationMode::Area => {
            let area = rules.area.as_ref().ok_or(LocationError::NotCollected)?;
            SentLocation::Area {
                inside: inside(area, fix.lat, fix.lon),
                fix_time,
                provider,
                mock,
                stale,
                inaccurate,
            }
        }
    })
}

/// The centre of the `grid_m` cell holding (`lat`, `lon`). Cells are
/// `grid_m` tall in latitude and `grid_m` wide in longitude at the cell's
/// centre latitude, so the result depends only on the cell, never on where
/// inside it the fix was.
pub fn snap(lat: f64, lon: f64, grid_m: u32) -> (f64, f64) {
    let grid = f64::from(grid_m.max(1));
    let lat_step = grid / M_PER_DEG_LAT;
    let lat_c = ((lat / lat_step).floor() + 0.5) * lat_step;
    let lat_c = lat_c.clamp(-90.0, 90.0);
    let lon_step = grid / (M_PER_DEG_LAT * lat_c.to_radians().cos().max(MIN_COS_LAT));
    let lon_c = ((lon / lon_step).floor() + 0.5) * lon_step;
    (lat_c, lon_c)
}

/// Whether the point lies in the approved area.
pub fn inside(area: &Area, lat: f64, lon: f64) -> bool {
    match area {
        Area::Circle {
            lat: c_lat,
            lon: c_lon,
            radius_m,
        } => distance_m(lat, lon, *c_lat, *c_lon) <= *radius_m,
        Area::Polygon(vertices) => in_polygon(vertices, lat, lon),
    }
}

/// Great-circle distance (haversine).
fn distance_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * a.sqrt().min(1.0).asin()
}

/// Even-odd rule on `[lat, lon]` vertices (areas are small enough for the
/// plane to do).
fn in_polygon(vertices: &[[f64; 2]], lat: f64, lon: f64) -> bool {
    if vertices.len() < 3 {
        return false;
    }
    let mut inside = false;
    let mut j = vertices.len() - 1;
    for i in 0..vertices.len() {
        let [yi, xi] = vertices[i];
        let [yj, xj] = vertices[j];
        if (yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cell_index(v: f64, step: f64) -> f64 {
        (v / step).floor()
    }

    proptest! {
        /// The snapped value is a cell centre, the same for every point of
        /// the cell, and within one cell of the fix.
        #[test]
        fn coarse_never_finer_than_the_grid(
            lat in -89.0f64..89.0,
            lon in -179.0f64..179.0,
            grid_m in 100u32..20_000,
            dx in 0.0f64..1.0,
            dy in 0.0f64..1.0,
        ) {
            let (s_lat, s_lon) = snap(lat, lon, grid_m);
            // Idempotent: the centre snaps to itself.
            prop_assert_eq!(snap(s_lat, s_lon, grid_m), (s_lat, s_lon));
            // Another point of the same cell gives the same value.
            let lat_step = f64::from(grid_m) / M_PER_DEG_LAT;
            let other_lat = (cell_index(lat, lat_step) + dy * 0.98 + 0.01) * lat_step;
            let lon_step = f64::from(grid_m)
                / (M_PER_DEG_LAT * s_lat.to_radians().cos().max(MIN_COS_LAT));
            let other_lon = (cell_index(lon, lon_step) + dx * 0.98 + 0.01) * lon_step;
            prop_assert_eq!(snap(other_lat, other_lon, grid_m), (s_lat, s_lon));
            // Within a cell of the truth.
            prop_assert!(distance_m(lat, lon, s_lat, s_lon) <= f64::from(grid_m) * 1.5);
        }
    }

    #[test]
    fn circle_and_polygon_membership() {
        let circle = Area::Circle {
            lat: 40.0,
            lon: -3.0,
            radius_m: 500.0,
        };
        assert!(inside(&circle, 40.003, -3.0));
        assert!(!inside(&circle, 40.006, -3.0));
        let square = Area::Polygon(vec![[0.0, 0.0], [0.0, 1.0], [1.0, 1.0], [1.0, 0.0]]);
        assert!(inside(&square, 0.5, 0.5));
        assert!(!inside(&square, 1.5, 0.5));
        assert!(!inside(
            &Area::Polygon(vec![[0.0, 0.0], [1.0, 1.0]]),
            0.5,
            0.5
        ));
    }
}
