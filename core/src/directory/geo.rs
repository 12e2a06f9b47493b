//! Points on the Earth and the distance between them, for ordering
//! services by how far they are from a point the participant chose. The
//! point never leaves the phone and is never stored.

/// Mean Earth radius (IUGG), metres.
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// A latitude and longitude in degrees (WGS 84).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Point {
    pub latitude: f64,
    pub longitude: f64,
}

impl Point {
    /// A point, or `None` outside ±90° / ±180° or not a number.
    pub fn new(latitude: f64, longitude: f64) -> Option<Point> {
        ((-90.0..=90.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude))
            .then_some(Point {
                latitude,
                longitude,
            })
    }

    /// Great-circle distance in metres (haversine; within 0.5 % of the
    /// ellipsoid's, plenty to order places in a city).
    pub fn distance_m(self, other: Point) -> f64 {
        let (la1, la2) = (self.latitude.to_radians(), other.latitude.to_radians());
        let dla = la2 - la1;
        let dlo = (other.longitude - self.longitude).to_radians();
        let h = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_match_known_ones() {
        let miami = Point::new(25.7617, -80.1918).expect("point");
        let chicago = Point::new(41.8781, -87.6298).expect("point");
        // About 1,917 km between the two city halls.
        let d = miami.distance_m(chicago);
        assert!((1_905_000.0..1_930_000.0).contains(&d), "{d}");
        assert_eq!(miami.distance_m(miami), 0.0);
        assert!(Point::new(91.0, 0.0).is_none());
        assert!(Point::new(0.0, f64::NAN).is_none());
    }
}
