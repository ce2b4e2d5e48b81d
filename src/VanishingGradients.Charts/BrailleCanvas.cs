using System;

namespace VanishingGradients.Charts
{
    /// <summary>
    /// A grid of terminal cells, each a Unicode braille character with 2 × 4 dots, so a cell-sized terminal gets
    /// eight times its character resolution. Each cell remembers the last series that set one of its dots (for colour).
    /// Dot (0, 0) is the top left.
    /// </summary>
    public sealed class BrailleCanvas
    {
        // Bit of the dot at (column, row) within a cell, as the braille block U+2800 numbers them.
        private static readonly int[,] Bits = { { 0x01, 0x02, 0x04, 0x40 }, { 0x08, 0x10, 0x20, 0x80 } };
        private readonly int[,] _dots;
        private readonly int[,] _owner;
        private readonly char[,] _marks;

        public BrailleCanvas(int columns, int rows)
        {
            if (columns < 1 || rows < 1) throw new ArgumentOutOfRangeException(nameof(columns), "A canvas needs at least one cell.");
            Columns = columns;
            Rows = rows;
            _dots = new int[rows, columns];
            _owner = new int[rows, columns];
            _marks = new char[rows, columns];
        }

        public int Columns { get; }
        public int Rows { get; }
        public int DotWidth => Columns * 2;
        public int DotHeight => Rows * 4;

        /// <summary>Sets one dot; dots outside the canvas are ignored, so callers need not clip.</summary>
        public void Set(int x, int y, int owner)
        {
            if (x < 0 || y < 0 || x >= DotWidth || y >= DotHeight) return;
            _dots[y / 4, x / 2] |= Bits[x % 2, y % 4];
            _owner[y / 4, x / 2] = owner;
        }

        /// <summary>
        /// A straight line of dots (Bresenham). <paramref name="pattern"/> 0 is solid, 1 dashed (3 on, 3 off), 2 dotted
        /// (1 in 3); <paramref name="phase"/> carries the dash position across the segments of one polyline.
        /// </summary>
        public void Line(int x0, int y0, int x1, int y1, int owner, int pattern, ref int phase)
        {
            int dx = Math.Abs(x1 - x0), dy = -Math.Abs(y1 - y0), sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1, err = dx + dy;
            while (true)
            {
                bool on = pattern switch { 1 => phase % 6 < 3, 2 => phase % 3 == 0, _ => true };
                if (on) Set(x0, y0, owner);
                phase++;
                if (x0 == x1 && y0 == y1) return;
                int e2 = 2 * err;
                if (e2 >= dy) { err += dy; x0 += sx; }
                if (e2 <= dx) { err += dx; y0 += sy; }
            }
        }

        /// <summary>
        /// Puts a marker glyph in the cell holding dot (x, y), over any braille dots there: markers tell series apart
        /// without colour. A cell keeps its first marker, so one series cannot hide another's.
        /// </summary>
        public void Mark(int x, int y, char glyph, int owner)
        {
            if (x < 0 || y < 0 || x >= DotWidth || y >= DotHeight || _marks[y / 4, x / 2] != '\0') return;
            _marks[y / 4, x / 2] = glyph;
            _owner[y / 4, x / 2] = owner;
        }

        /// <summary>The cell's character: its marker, else a braille pattern, or a space when nothing is set.</summary>
        public char Cell(int column, int row) =>
            _marks[row, column] != '\0' ? _marks[row, column] : _dots[row, column] == 0 ? ' ' : (char)(0x2800 + _dots[row, column]);

        /// <summary>The series that last drew (or marked) the cell, or -1 for an empty cell.</summary>
        public int Owner(int column, int row) => Cell(column, row) == ' ' ? -1 : _owner[row, column];
    }
}
