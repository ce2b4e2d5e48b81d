using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;

namespace VanishingGradients.Module.Tests
{
    /// <summary>
    /// A minimal PNG reader (8-bit RGB or RGBA, non-interlaced: what SkiaSharp writes), so the tests check the module's
    /// images with code that shares nothing with the renderer.
    /// </summary>
    public sealed class PngImage
    {
        private static readonly byte[] Signature = { 137, 80, 78, 71, 13, 10, 26, 10 };

        private PngImage(int width, int height, uint[] pixels) { Width = width; Height = height; Pixels = pixels; }

        public int Width { get; }
        public int Height { get; }
        /// <summary>0xRRGGBBAA per pixel, row by row.</summary>
        public uint[] Pixels { get; }

        public static bool HasSignature(byte[] bytes) => bytes.Length > 8 && bytes.AsSpan(0, 8).SequenceEqual(Signature);

        /// <summary>Width and height from the IHDR chunk alone, without decoding.</summary>
        public static (int Width, int Height) ReadSize(byte[] bytes)
        {
            if (!HasSignature(bytes)) throw new InvalidDataException("Not a PNG file.");
            return (BigEndian(bytes, 16), BigEndian(bytes, 20));
        }

        public static PngImage Read(byte[] bytes)
        {
            var (width, height) = ReadSize(bytes);
            byte bitDepth = bytes[24], colourType = bytes[25], interlace = bytes[28];
            if (bitDepth != 8 || (colourType != 2 && colourType != 6) || interlace != 0)
                throw new NotSupportedException($"Only 8-bit RGB(A) non-interlaced PNGs are read here (depth {bitDepth}, colour type {colourType}).");
            int channels = colourType == 6 ? 4 : 3;
            var compressed = new MemoryStream();
            for (int at = 8; at < bytes.Length;)
            {
                int length = BigEndian(bytes, at);
                string type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
                if (type == "IDAT") compressed.Write(bytes, at + 8, length);
                at += 12 + length;
            }
            compressed.Position = 0;
            var raw = new MemoryStream();
            using (var z = new ZLibStream(compressed, CompressionMode.Decompress)) z.CopyTo(raw);
            var data = raw.ToArray();
            int stride = width * channels;
            var previous = new byte[stride];
            var current = new byte[stride];
            var pixels = new uint[width * height];
            for (int y = 0; y < height; y++)
            {
                int filter = data[y * (stride + 1)];
                Array.Copy(data, y * (stride + 1) + 1, current, 0, stride);
                Unfilter(filter, current, previous, channels);
                for (int x = 0; x < width; x++)
                {
                    int i = x * channels;
                    uint alpha = channels == 4 ? current[i + 3] : 255u;
                    pixels[y * width + x] = (uint)current[i] << 24 | (uint)current[i + 1] << 16 | (uint)current[i + 2] << 8 | alpha;
                }
                (previous, current) = (current, previous);
            }
            return new PngImage(width, height, pixels);
        }

        /// <summary>How many different colours the image uses.</summary>
        public int DistinctColours() => new HashSet<uint>(Pixels).Count;

        private static void Unfilter(int filter, byte[] row, byte[] above, int bpp)
        {
            for (int i = 0; i < row.Length; i++)
            {
                int left = i >= bpp ? row[i - bpp] : 0, up = above[i], upLeft = i >= bpp ? above[i - bpp] : 0;
                row[i] = (byte)(row[i] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"Unknown PNG filter {filter}."),
                });
            }
        }

        private static int Paeth(int a, int b, int c)
        {
            int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }

        private static int BigEndian(byte[] b, int at) => b[at] << 24 | b[at + 1] << 16 | b[at + 2] << 8 | b[at + 3];
    }
}
