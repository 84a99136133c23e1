extension String {
    /// This text, then spaces up to `width` characters; cut to its first `width` characters when
    /// longer. Characters are Swift `Character`s (what a person counts as one), the unit the tables
    /// measure their columns in.
    ///
    /// Foundation's `padding(toLength:withPad:startingAt:)`, used before, counts UTF-16 units: a
    /// cell with an emoji or a combining accent came out a space short, or cut inside a character,
    /// in a column measured in characters; and it cost about 17,000 instructions a cell. The two
    /// agree on any text whose characters are each one UTF-16 unit (every sample's).
    public func padded(to width: Int) -> String {
        let n = count
        if n >= width { return n == width ? self : String(prefix(width)) }
        return self + String(repeating: " ", count: width - n)
    }
}
