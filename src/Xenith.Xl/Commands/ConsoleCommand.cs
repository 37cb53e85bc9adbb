using Xenith.Rpc;

namespace Xenith.Xl.Commands;

/// <summary><c>xl console [-t pv|serial|vuart] [-n N] [-e ESC] Domain</c>: attach the terminal; Ctrl-] detaches.</summary>
internal static class ConsoleCommand
{
    public static int Run(XlContext xl, IReadOnlyList<string> args)
    {
        var (options, operands) = GetOpt.Parse(xl, "console", args, "n:t:e:", null, 1);
        var type = ConsoleType.Pv;
        int number = 0;
        byte escape = TerminalBridge.DefaultEscape;
        foreach (var (option, argument) in options)
        {
            switch (option)
            {
                case 't':
                    switch (argument)
                    {
                        case "pv": type = ConsoleType.Pv; break;
                        case "serial": type = ConsoleType.Serial; break;
                        case "vuart": type = ConsoleType.Vuart; break;
                        default:
                            xl.Err.WriteLine("console type supported are: pv, serial, vuart");
                            return 1;
                    }
                    break;
                case 'n':
                    number = (int)Formats.CFormat.StrToL(argument!, out _);
                    break;
                case 'e':
                    if (TerminalBridge.ParseEscape(argument!) is not { } e)
                    {
                        xl.Err.WriteLine($"Invalid escape character: {argument}");
                        return 1;
                    }
                    escape = e;
                    break;
            }
        }
        return Attach(xl, xl.FindDomain(operands[0]), type, number, escape);
    }

    public static int Attach(XlContext xl, uint domid, ConsoleType type, int number, byte escape = TerminalBridge.DefaultEscape)
    {
        Stream console;
        try
        {
            console = xl.Service.OpenConsole(domid, type, number);
        }
        catch (RpcException e)
        {
            xl.Report(e);
            xl.Err.WriteLine("Unable to attach console");
            return 1;
        }
        using (console)
            TerminalBridge.Run(console, escape, xl.Interactive);
        return 0;
    }
}
