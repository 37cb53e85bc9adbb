using Xenith.Rpc;

namespace Xenith.Xl.Tests;

/// <summary>Runs xl in-process against a service; returns exit code, stdout and stderr.</summary>
internal static class XlRunner
{
    public static (int Code, string Out, string Err) Run(IToolstackService service, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var xl = new XlContext(service, stdout, stderr) { WorkingDirectory = "/home/user/vms", Interactive = false };
        int code = XlMain.Run(xl, args);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
