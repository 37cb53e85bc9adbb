using System.Text;
using Xenith.Cpu.Arm;
using Xenith.Images;
using Xenith.Platform.Board;

namespace Xenith.Tests.Linux;

/// <summary>
/// The external proof: Debian's own armmp-lpae kernel boots on the standalone board with the busybox
/// initramfs from <c>xenith images</c>, reaches /init, and takes commands typed on the UART.
/// </summary>
public class LinuxBootTests
{
    private static readonly Lazy<string> ImageDir = new(() =>
    {
        var cache = ImageCache.Default();
        DebianImages.Update(cache, TextWriter.Null);
        return cache.Directory;
    });

    [Fact]
    public void Debian_kernel_runs_init_and_powers_off()
    {
        using var run = new BoardRun(cpus: 1, deterministic: true, "console=ttyAMA0 xenith.autotest=1");
        Assert.Equal(BoardExit.PowerOff, run.Finish(TimeSpan.FromMinutes(8)));
        string log = run.Output;
        Assert.Contains("Machine model: linux,dummy-virt", log);
        Assert.Contains("psci: PSCIv1.1 detected in firmware.", log);
        Assert.Contains("arch_timer: cp15 timer(s) running at 62.50MHz (virt).", log);
        Assert.Contains("ttyAMA0 at MMIO 0x9000000 (irq = ", log);
        Assert.Contains("BUSYBOX-READY uptime=", log);
        Assert.Contains("armv7l GNU/Linux", log);
        Assert.Contains("CPU part\t: 0xc0f", log);
        Assert.Contains("AUTOTEST-DONE", log);
        Assert.DoesNotContain("Oops", log);
        Assert.DoesNotContain("BUG:", log);
    }

    [Fact]
    public void Two_cpus_come_up_and_the_shell_takes_typed_commands()
    {
        using var run = new BoardRun(cpus: 2, deterministic: false, "console=ttyAMA0");
        run.WaitFor("BUSYBOX-READY", TimeSpan.FromMinutes(8));
        run.WaitFor("# ", TimeSpan.FromMinutes(1));
        run.Type("echo hello-$((6*7)); grep -c ^processor /proc/cpuinfo\n");
        // The shell's output (the terminal turns \n into \r\n); the second command counts the CPUs Linux brought up.
        run.WaitFor("hello-42\r\n2\r\n", TimeSpan.FromMinutes(1));
        run.Type("poweroff -f\n");
        Assert.Equal(BoardExit.PowerOff, run.Finish(TimeSpan.FromMinutes(2)));
        string log = run.Output;
        Assert.Contains("smp: Brought up 1 node, 2 CPUs", log);
    }

    /// <summary>A board booting the Debian kernel on a background thread, with its UART output collected.</summary>
    private sealed class BoardRun : IDisposable
    {
        private readonly StringBuilder _output = new();
        private readonly VirtBoard _board;
        private readonly Task<BoardExit> _task;
        private readonly CancellationTokenSource _cancel = new();

        public BoardRun(int cpus, bool deterministic, string bootargs)
        {
            string dir = ImageDir.Value;
            var options = new BoardOptions { Cpu = CpuProfile.CortexA15, CpuCount = cpus, MemoryBytes = 512ul << 20, Deterministic = deterministic };
            _board = new VirtBoard(options, b =>
            {
                lock (_output)
                {
                    _output.Append((char)b);
                    Monitor.PulseAll(_output);
                }
            });
            _board.LoadLinux(File.ReadAllBytes(Path.Combine(dir, ImageCache.LpaeKernel)),
                File.ReadAllBytes(Path.Combine(dir, ImageCache.Initramfs)), bootargs, null);
            _task = Task.Run(() => _board.Run(_cancel.Token));
        }

        public string Output
        {
            get
            {
                lock (_output)
                    return _output.ToString();
            }
        }

        public void WaitFor(string text, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            lock (_output)
            {
                while (!_output.ToString().Contains(text, StringComparison.Ordinal))
                {
                    var left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero || _task.IsCompleted)
                        Assert.Fail($"no \"{text}\" on the console; it shows:\n{_output}");
                    Monitor.Wait(_output, TimeSpan.FromMilliseconds(Math.Min(left.TotalMilliseconds, 500)));
                }
            }
        }

        public void Type(string text)
        {
            foreach (byte b in Encoding.ASCII.GetBytes(text))
            {
                while (!_board.Uart.CanReceive)
                    Thread.Sleep(1);
                _board.Uart.Receive(b);
            }
        }

        public BoardExit Finish(TimeSpan timeout)
        {
            if (!_task.Wait(timeout))
            {
                _cancel.Cancel();
                Assert.Fail($"the board did not stop within {timeout}; the console shows:\n{Output}");
            }
            return _task.Result;
        }

        public void Dispose()
        {
            _cancel.Cancel();
            try
            {
                _task.Wait(TimeSpan.FromSeconds(10));
            }
            catch (AggregateException)
            {
            }
            _board.Dispose();
            _cancel.Dispose();
        }
    }
}
