//! The approved area's size, checked when a policy is read.
//!
//! In `area` mode the device sends only whether the participant is inside
//! the area. That is a location of the area's size: a circle of 5 m is a
//! precise position by another name. So a policy is refused unless its area
//! is at least a circle of [`MIN_AREA_RADIUS_M`]:
//!
//! - a circle: a radius of at least 100 m, a centre that is a position;
//! - a polygon: 3 to [`MAX_AREA_VERTICES`] positions, no two edges
//!   crossing, an area of at least π·100² m² (≈ 31,416 m²), and no narrower
//!   than [`MIN_AREA_WIDTH_M`] on average (`2·area / perimeter`, the radius
//!   for a circle, the width for a long strip), so a 5 m wide street 10 km
//!   long does not pass on its area alone.
//!
//! Polygon sizes are measured on a plane tangent at the vertices' mean
//! latitude: exact enough at the scale of any approved area (the error
//! grows with the square of the area's extent over the Earth's radius).
//! A polygon's edges may not cross, because the even-odd rule the device
//! applies (`crate::location::inside`) makes the inside of a crossing
//! polygon smaller than the signed area says.

use super::{Area, MIN_AREA_RADIUS_M};

/// Mean Earth radius, as `crate::location` uses for distances.
const EARTH_RADIUS_M: f64 = 6_371_000.0;
/// A polygon narrower than this on average (`2·area / perimeter`) is
/// refused whatever its area: half the smallest circle's diameter.
pub const MIN_AREA_WIDTH_M: f64 = 50.0;
/// Most vertices a polygon may have (the crossing check is quadratic).
pub const MAX_AREA_VERTICES: usize = 1000;

/// Why an approved area was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AreaError {
    #[error("a coordinate or the radius is not a number in range")]
    NotAPosition,
    #[error("a polygon needs 3 to {MAX_AREA_VERTICES} vertices")]
    Vertices,
    #[error("the polygon's edges cross")]
    EdgesCross,
    #[error("the area is smaller than a circle of {MIN_AREA_RADIUS_M} m radius")]
    TooSmall,
    #[error("the area is narrower than {MIN_AREA_WIDTH_M} m on average")]
    TooNarrow,
}

impl Area {
    /// Whether this area is large enough that inside/outside does not say
    /// where the participant is (see the module header).
    pub fn check_size(&self) -> Result<(), AreaError> {
        match self {
            Area::Circle { lat, lon, radius_m } => {
                if !is_position(*lat, *lon) || !radius_m.is_finite() {
                    return Err(AreaError::NotAPosition);
                }
                if *radius_m < MIN_AREA_RADIUS_M {
                    return Err(AreaError::TooSmall);
                }
                Ok(())
            }
            Area::Polygon(vertices) => check_polygon(vertices),
        }
    }
}

fn is_position(lat: f64, lon: f64) -> bool {
    lat.is_finite() && lon.is_finite() && (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)
}

fn check_polygon(vertices: &[[f64; 2]]) -> Result<(), AreaError> {
    if !(3..=MAX_AREA_VERTICES).contains(&vertices.len()) {
        return Err(AreaError::Vertices);
    }
    if vertices.iter().any(|[lat, lon]| !is_position(*lat, *lon)) {
        return Err(AreaError::NotAPosition);
    }
    let points = on_plane(vertices);
    if edges_cross(&points) {
        return Err(AreaError::EdgesCross);
    }
    let n = points.len();
    let points = &points;
    let edges = || (0..n).map(move |i| (points[i], points[(i + 1) % n]));
    // Shoelace: exact for a polygon whose edges do not cross.
    let area = edges()
        .map(|((x1, y1), (x2, y2))| x1 * y2 - x2 * y1)
        .sum::<f64>()
        .abs()
        / 2.0;
    let perimeter: f64 = edges()
        .map(|((x1, y1), (x2, y2))| (x2 - x1).hypot(y2 - y1))
        .sum();
    // Finite: every vertex is a position. A polygon with no area (so no
    // perimeter either) stops at the first check.
    if area < std::f64::consts::PI * MIN_AREA_RADIUS_M * MIN_AREA_RADIUS_M {
        return Err(AreaError::TooSmall);
    }
    if 2.0 * area / perimeter < MIN_AREA_WIDTH_M {
        return Err(AreaError::TooNarrow);
    }
    Ok(())
}

/// `[lat, lon]` in degrees to metres (x east, y north) on the plane
/// tangent at the mean latitude.
fn on_plane(vertices: &[[f64; 2]]) -> Vec<(f64, f64)> {
    let mean_lat = vertices.iter().map(|v| v[0]).sum::<f64>() / vertices.len() as f64;
    let x_scale = EARTH_RADIUS_M * mean_lat.to_radians().cos();
    vertices
        .iter()
        .map(|[lat, lon]| (lon.to_radians() * x_scale, lat.to_radians() * EARTH_RADIUS_M))
        .collect()
}

/// Whether two edges that do not share a vertex touch or cross, or two
/// neighbouring edges fold back onto each other.
fn edges_cross(points: &[(f64, f64)]) -> bool {
    let n = points.len();
    let edge = |i: usize| (points[i], points[(i + 1) % n]);
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (edge(i), edge(j));
            let neighbours = j == i + 1 || (i == 0 && j == n - 1);
            if neighbours {
                // Sharing one vertex; they cross only by running back
                // along each other (collinear and overlapping).
                let shared = if j == i + 1 { a.1 } else { a.0 };
                let (p, q) = if j == i + 1 { (a.0, b.1) } else { (a.1, b.0) };
                if orientation(p, shared, q) == 0.0 && dot(p, shared, q) > 0.0 {
                    return true;
                }
            } else if segments_touch(a, b) {
                return true;
            }
        }
    }
    false
}

type Point = (f64, f64);

/// Twice the signed area of the triangle `a b c`: > 0 counter-clockwise.
fn orientation(a: Point, b: Point, c: Point) -> f64 {
    (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)
}

/// `(a - b) · (c - b)`: > 0 when `a` and `c` lie on the same side of `b`.
fn dot(a: Point, b: Point, c: Point) -> f64 {
    (a.0 - b.0) * (c.0 - b.0) + (a.1 - b.1) * (c.1 - b.1)
}

/// Whether `c` lies within the bounding box of segment `a b` (used once
/// the three are known to be collinear).
fn within(a: Point, b: Point, c: Point) -> bool {
    c.0 >= a.0.min(b.0) && c.0 <= a.0.max(b.0) && c.1 >= a.1.min(b.1) && c.1 <= a.1.max(b.1)
}

fn segments_touch((p1, p2): (Point, Point), (q1, q2): (Point, Point)) -> bool {
    let d1 = orientation(q1, q2, p1);
    let d2 = orientation(q1, q2, p2);
    let d3 = orientation(p1, p2, q1);
    let d4 = orientation(p1, p2, q2);
    if ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0))
        && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0))
    {
        return true;
    }
    (d1 == 0.0 && within(q1, q2, p1))
        || (d2 == 0.0 && within(q1, q2, p2))
        || (d3 == 0.0 && within(p1, p2, q1))
        || (d4 == 0.0 && within(p1, p2, q2))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Metres north and east of (40°, −3°) as `[lat, lon]`.
    fn at(north_m: f64, east_m: f64) -> [f64; 2] {
        let lat = 40.0 + (north_m / EARTH_RADIUS_M).to_degrees();
        let lon = -3.0 + (east_m / (EARTH_RADIUS_M * 40f64.to_radians().cos())).to_degrees();
        [lat, lon]
    }

    fn rectangle(w: f64, h: f64) -> Area {
        Area::Polygon(vec![at(0.0, 0.0), at(0.0, w), at(h, w), at(h, 0.0)])
    }

    fn circle(radius_m: f64) -> Area {
        Area::Circle {
            lat: 40.0,
            lon: -3.0,
            radius_m,
        }
    }

    #[test]
    fn circles_under_100_m_are_refused() {
        assert_eq!(circle(5.0).check_size(), Err(AreaError::TooSmall));
        assert_eq!(circle(99.9).check_size(), Err(AreaError::TooSmall));
        assert_eq!(circle(100.0).check_size(), Ok(()));
        assert_eq!(circle(f64::NAN).check_size(), Err(AreaError::NotAPosition));
        assert_eq!(
            circle(f64::INFINITY).check_size(),
            Err(AreaError::NotAPosition)
        );
        let off_the_map = Area::Circle {
            lat: 91.0,
            lon: 0.0,
            radius_m: 500.0,
        };
        assert_eq!(off_the_map.check_size(), Err(AreaError::NotAPosition));
    }

    #[test]
    fn polygons_need_the_smallest_circles_area() {
        // π·100² ≈ 31,416 m²: a 177 m square is just under, 178 m just over.
        assert_eq!(rectangle(177.0, 177.0).check_size(), Err(AreaError::TooSmall));
        assert_eq!(rectangle(178.0, 178.0).check_size(), Ok(()));
        assert_eq!(rectangle(5.0, 5.0).check_size(), Err(AreaError::TooSmall));
        // The same polygon, wound the other way, measures the same.
        let Area::Polygon(mut v) = rectangle(178.0, 178.0) else {
            unreachable!()
        };
        v.reverse();
        assert_eq!(Area::Polygon(v).check_size(), Ok(()));
    }

    #[test]
    fn a_long_thin_strip_is_refused_whatever_its_area() {
        // 40 m × 10 km: 400,000 m², but inside says which street.
        assert_eq!(
            rectangle(40.0, 10_000.0).check_size(),
            Err(AreaError::TooNarrow)
        );
        assert_eq!(rectangle(60.0, 10_000.0).check_size(), Ok(()));
    }

    #[test]
    fn crossing_edges_and_bad_vertices_are_refused() {
        // A bow tie whose signed area cancels, and a loop that goes round
        // twice (its even-odd inside is empty, its signed area doubled).
        let bow_tie = Area::Polygon(vec![
            at(0.0, 0.0),
            at(1000.0, 1000.0),
            at(1000.0, 0.0),
            at(0.0, 1000.0),
        ]);
        assert_eq!(bow_tie.check_size(), Err(AreaError::EdgesCross));
        let Area::Polygon(square) = rectangle(1000.0, 1000.0) else {
            unreachable!()
        };
        let twice = Area::Polygon(square.iter().chain(&square).copied().collect());
        assert_eq!(twice.check_size(), Err(AreaError::EdgesCross));
        // An edge that folds back along the one before it.
        let folded = Area::Polygon(vec![
            at(0.0, 0.0),
            at(0.0, 2000.0),
            at(0.0, 1000.0),
            at(1000.0, 1000.0),
        ]);
        assert_eq!(folded.check_size(), Err(AreaError::EdgesCross));
        assert_eq!(
            Area::Polygon(vec![at(0.0, 0.0), at(0.0, 1000.0)]).check_size(),
            Err(AreaError::Vertices)
        );
        assert_eq!(
            Area::Polygon(vec![[0.0, 0.0], [f64::NAN, 1.0], [1.0, 1.0]]).check_size(),
            Err(AreaError::NotAPosition)
        );
        let many = Area::Polygon(vec![[0.0, 0.0]; MAX_AREA_VERTICES + 1]);
        assert_eq!(many.check_size(), Err(AreaError::Vertices));
    }

    #[test]
    fn a_city_sized_polygon_passes() {
        // Roughly Madrid's centre, about 6 km × 5 km, with a concave notch.
        let city = Area::Polygon(vec![
            at(0.0, 0.0),
            at(0.0, 6000.0),
            at(5000.0, 6000.0),
            at(5000.0, 3500.0),
            at(2500.0, 3000.0),
            at(5000.0, 2500.0),
            at(5000.0, 0.0),
        ]);
        assert_eq!(city.check_size(), Ok(()));
    }
}
