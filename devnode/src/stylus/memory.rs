//! Nitro's memory page pricing (`arbos/programs/memory.go`): a tx gets
//! [`FREE_PAGES`] pages free, then pays [`PAGE_GAS`] per newly opened page
//! plus an exponential term on the largest number of pages ever open in the
//! tx, which makes memory beyond a few MiB prohibitively expensive.

/// Pages (64 KiB each) a transaction gets for free (`InitialFreePages`).
pub const FREE_PAGES: u16 = 2;
/// Linear gas per page beyond the free ones (`InitialPageGas`).
pub const PAGE_GAS: u16 = 1_000;
/// Exponential ramp parameter reported by ArbWasm (`initialPageRamp`).
pub const PAGE_RAMP: u64 = 620_674_314;
/// Largest memory a program may declare or grow to (`initialPageLimit`).
pub const PAGE_LIMIT: u16 = 128;

const EXPONENTS: [u32; 129] = [
    1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 5, 6, 7, 8, 9, 11, 12, 14, 17, 19, 22, 25, 29, 33, 38,
    43, 50, 57, 65, 75, 85, 98, 112, 128, 147, 168, 193, 221, 253, 289, 331, 379, 434, 497, 569,
    651, 745, 853, 976, 1117, 1279, 1463, 1675, 1917, 2194, 2511, 2874, 3290, 3765, 4309, 4932,
    5645, 6461, 7395, 8464, 9687, 11087, 12689, 14523, 16621, 19024, 21773, 24919, 28521, 32642,
    37359, 42758, 48938, 56010, 64104, 73368, 83971, 96106, 109994, 125890, 144082, 164904, 188735,
    216010, 247226, 282953, 323844, 370643, 424206, 485509, 555672, 635973, 727880, 833067, 953456,
    1091243, 1248941, 1429429, 1636000, 1872423, 2143012, 2452704, 2807151, 3212820, 3677113,
    4208502, 4816684, 5512756, 6309419, 7221210, 8264766, 9459129, 10826093, 12390601, 14181199,
    16230562, 18576084, 21260563, 24332984, 27849408, 31873999,
];

fn exp(pages: u16) -> u64 {
    EXPONENTS
        .get(usize::from(pages))
        .map_or(u64::MAX, |x| u64::from(*x))
}

/// Gas of opening `new` pages when `open` are open in the current call
/// stack and at most `ever` were open at once earlier in the transaction.
pub fn page_gas_cost(new: u16, open: u16, ever: u16) -> u64 {
    let new_open = open.saturating_add(new);
    let new_ever = ever.max(new_open);
    if new_ever <= FREE_PAGES {
        return 0;
    }
    let sub_free = |p: u16| p.saturating_sub(FREE_PAGES);
    let adding = sub_free(new_open).saturating_sub(sub_free(open));
    let linear = u64::from(adding).saturating_mul(u64::from(PAGE_GAS));
    let expand = exp(new_ever).saturating_sub(exp(ever));
    linear.saturating_add(expand)
}

/// Pages open in the call stack and the most ever open in the transaction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageCounters {
    /// Pages held by the programs currently on the call stack.
    pub open: u16,
    /// High-water mark of `open` in this transaction.
    pub ever: u16,
}

impl PageCounters {
    /// Charges for `pages` more pages and records them; returns the gas.
    pub fn add(&mut self, pages: u16) -> u64 {
        let cost = page_gas_cost(pages, self.open, self.ever);
        self.open = self.open.saturating_add(pages);
        self.ever = self.ever.max(self.open);
        cost
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_two_pages_are_free() {
        assert_eq!(page_gas_cost(2, 0, 0), 0);
    }

    #[test]
    fn pages_beyond_the_free_ones_pay_linear_plus_exponential() {
        // 3 pages: 1 paid page (1000) + exp(3) - exp(0) = 0.
        assert_eq!(page_gas_cost(3, 0, 0), 1_000);
        // 17 pages (the stylus-sdk default): 15 * 1000 + (9 - 1).
        assert_eq!(page_gas_cost(17, 0, 0), 15_008);
    }

    #[test]
    fn reopening_pages_within_the_high_water_mark_pays_only_linear() {
        let mut c = PageCounters::default();
        let first = c.add(17);
        c.open = 0; // the call returned
        let second = c.add(17);
        assert_eq!(first, 15_008);
        assert_eq!(second, 15_000);
    }

    #[test]
    fn more_than_128_pages_is_unaffordable() {
        assert_eq!(page_gas_cost(129, 0, 0), u64::MAX);
    }
}
