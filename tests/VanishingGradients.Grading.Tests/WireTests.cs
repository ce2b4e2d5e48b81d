using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NUnit.Framework;
using VanishingGradients.Grading.Worker;

namespace VanishingGradients.Grading.Tests
{
    /// <summary>The worker's wire format: exact values both ways, and every malformed frame a WireException, never a crash.</summary>
    public sealed class WireTests
    {
        private static readonly Values Plain = new((o, _) => throw new WireException("no objects"), (e, t) => throw new WireException("no objects"));

        private static JsonElement RoundTrip(object? value) => JsonDocument.Parse(Plain.Encode(value).ToJsonString()).RootElement;

        [Test]
        public void Doubles_KeepEveryBit()
        {
            var values = new[] { 0.1, -0.0, double.NaN, double.PositiveInfinity, double.Epsilon, 1e308 };
            var back = (double[])Plain.Decode(RoundTrip(values), typeof(double[]))!;
            Assert.That(back, Has.Length.EqualTo(values.Length));
            for (int i = 0; i < values.Length; i++)
                Assert.That(BitConverter.DoubleToInt64Bits(back[i]), Is.EqualTo(BitConverter.DoubleToInt64Bits(values[i])));
            var m = new double[,] { { 1, 2, 3 }, { 4, 5, -0.0 } };
            Assert.That(Plain.Decode(RoundTrip(m), typeof(double[,])), Is.EqualTo(m));
        }

        [Test]
        public void TuplesAndLists_DecodeIntoTheExpectedType()
        {
            var (x, y) = ((double[], double[]))Plain.Decode(RoundTrip((new[] { 1.0 }, new[] { 2.0 })), typeof((double[], double[])))!;
            Assert.That(x, Is.EqualTo(new[] { 1.0 }));
            Assert.That(y, Is.EqualTo(new[] { 2.0 }));
            var jagged = (double[][])Plain.Decode(RoundTrip(new[] { new[] { 1.0 }, new[] { 2.0, 3.0 } }), typeof(double[][]))!;
            Assert.That(jagged[1], Is.EqualTo(new[] { 2.0, 3.0 }));
            var list = (IReadOnlyList<int>)Plain.Decode(RoundTrip(new List<int> { 4, 5 }), typeof(IReadOnlyList<int>))!;
            Assert.That(list, Is.EqualTo(new[] { 4, 5 }));
        }

        [TestCase("{\"t\":\"f64[]\",\"v\":\"AAAA\"}", typeof(double[]), TestName = "torn array")]
        [TestCase("{\"t\":\"str\",\"v\":\"x\"}", typeof(double), TestName = "wrong type")]
        [TestCase("{\"t\":\"null\"}", typeof(int), TestName = "null for a number")]
        [TestCase("{\"t\":\"f64[,]\",\"v\":\"\",\"r\":3,\"c\":3}", typeof(double[,]), TestName = "shape without data")]
        [TestCase("{\"t\":\"bogus\"}", typeof(double), TestName = "unknown tag")]
        [TestCase("{\"v\":1}", typeof(double), TestName = "no tag")]
        [TestCase("{\"t\":\"obj\",\"h\":0}", typeof(double[]), TestName = "object where data was expected")]
        public void MalformedValues_AreWireExceptions(string json, Type target) =>
            Assert.Throws<WireException>(() => Plain.Decode(JsonDocument.Parse(json).RootElement, target));

        [TestCase(new byte[] { 1, 0 }, TestName = "torn header")]
        [TestCase(new byte[] { 0xff, 0xff, 0xff, 0x7f }, TestName = "two-gigabyte frame")]
        [TestCase(new byte[] { 0, 0, 0, 0 }, TestName = "empty frame")]
        [TestCase(new byte[] { 10, 0, 0, 0, (byte)'{' }, TestName = "truncated body")]
        [TestCase(new byte[] { 3, 0, 0, 0, (byte)'[', (byte)']', (byte)' ' }, TestName = "not an object")]
        [TestCase(new byte[] { 3, 0, 0, 0, (byte)'E', (byte)'N', (byte)'D' }, TestName = "not JSON")]
        public void MalformedFrames_AreWireExceptions(byte[] bytes) =>
            Assert.Throws<WireException>(() => Frames.Read(new MemoryStream(bytes)));

        [Test]
        public void Frames_RoundTripAndEndCleanly()
        {
            var stream = new MemoryStream();
            Frames.Write(stream, new JsonObject { ["id"] = 7, ["op"] = "call" });
            stream.Position = 0;
            var frame = Frames.Read(stream)!.Value;
            Assert.That(frame.GetProperty("id").GetInt64(), Is.EqualTo(7));
            Assert.That(Frames.Read(stream), Is.Null);
        }

        [Test]
        public void The_costliest_frame_a_worker_may_send_stays_far_below_the_hosts_heap_limit()
        {
            // {"a":[0,0,0,...]} of the largest allowed size: the most JSON tokens per byte a forged answer can hold.
            var body = new byte[Frames.MaxBytes - 1]; // odd, so that the digits and commas end on a digit
            Encoding.ASCII.GetBytes("{\"a\":[").CopyTo(body, 0);
            for (int i = 6; i < body.Length - 2; i++) body[i] = (i - 6) % 2 == 0 ? (byte)'0' : (byte)',';
            body[^2] = (byte)']';
            body[^1] = (byte)'}';
            var frame = new MemoryStream();
            frame.Write(BitConverter.GetBytes(body.Length));
            frame.Write(body);
            frame.Position = 0;
            long before = GC.GetAllocatedBytesForCurrentThread();
            Assert.That(Frames.Read(frame)!.Value.GetProperty("a").GetArrayLength(), Is.GreaterThan(Frames.MaxBytes / 3));
            long used = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.That(used, Is.LessThan(new GradingLimits().HeapLimitBytes / 3), "parsing it allocates a third of the host's heap limit at most");

            var tooLong = new MemoryStream(BitConverter.GetBytes(Frames.MaxBytes + 1));
            Assert.Throws<WireException>(() => Frames.Read(tooLong));
        }
    }
}
