//! Colours for the boxes: each box takes the colour its number suggests unless a box whose
//! parts stand next to its parts (or the box before or after it in the list) already has that
//! colour; then the next free one. With 16 colours neighbours never share one unless a box has
//! 16 or more distinct neighbours.

use super::{COLOURS, Part};

/// The colour (`0..COLOURS`) of each of `count` boxes, indexed by box number - 1.
pub fn assign(parts: &[Part], count: usize) -> Vec<usize> {
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut link = |a: usize, b: usize| {
        if a != b && a < count && b < count {
            neighbours[a].push(b);
            neighbours[b].push(a);
        }
    };
    let boxed: Vec<usize> = parts
        .iter()
        .filter_map(|p| p.help_box)
        .filter(|&b| b >= 1)
        .map(|b| b - 1)
        .collect();
    for pair in boxed.windows(2) {
        link(pair[0], pair[1]);
    }
    for b in 1..count {
        link(b - 1, b);
    }
    let mut colours: Vec<Option<usize>> = vec![None; count];
    for b in 0..count {
        let taken: Vec<usize> = neighbours[b].iter().filter_map(|&n| colours[n]).collect();
        let free = (0..COLOURS)
            .map(|k| (b + k) % COLOURS)
            .find(|c| !taken.contains(c));
        colours[b] = Some(free.unwrap_or(b % COLOURS));
    }
    colours.into_iter().map(|c| c.unwrap_or(0)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(boxes: &[Option<usize>]) -> Vec<Part> {
        boxes
            .iter()
            .enumerate()
            .map(|(index, &help_box)| Part {
                index,
                gap: " ".into(),
                text: "w".into(),
                help_box,
                group: 1,
                kind: "argument",
                colour: 0,
            })
            .collect()
    }

    #[test]
    fn boxes_take_their_numbers_colour_when_it_is_free() {
        let p = parts(&[Some(1), Some(2), Some(3)]);
        assert_eq!(assign(&p, 3), [0, 1, 2]);
    }

    #[test]
    fn a_neighbour_with_the_same_colour_moves_a_box_on() {
        // Box 17 would take box 1's colour, but its part stands next to box 1's part.
        let mut boxes: Vec<Option<usize>> = (1..=17).map(Some).collect();
        boxes.push(Some(1));
        let c = assign(&parts(&boxes), 17);
        assert_ne!(c[16], c[0]);
        assert_ne!(c[16], c[15], "nor the box before it");
    }

    #[test]
    fn unknown_parts_between_do_not_hide_neighbours() {
        let p = parts(&[Some(1), None, Some(17)]);
        let c = assign(&p, 17);
        assert_ne!(c[0], c[16]);
    }
}
