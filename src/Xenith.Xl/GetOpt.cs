namespace Xenith.Xl;

/// <summary>A long option as getopt_long knows it: its name, whether it takes an argument, its short letter.</summary>
internal sealed record LongOption(string Name, bool HasArgument, char Short);

/// <summary>
/// xl's option parsing (def_getopt over GNU getopt_long with opterr off): options may come before or after
/// the operands (GNU permutes), <c>--</c> ends them, <c>-h</c> prints the command's help and exits 0, an
/// unknown option or a missing option argument prints "option `x' not supported." and exits 2, and too
/// few operands print "'xl cmd' requires at least N argument(s)." with the help and exit 2.
/// </summary>
internal static class GetOpt
{
    public static (List<(char Option, string? Argument)> Options, List<string> Operands) Parse(
        XlContext xl, string command, IReadOnlyList<string> args, string optstring, IReadOnlyList<LongOption>? longOptions,
        int requiredOperands)
    {
        var options = new List<(char, string?)>();
        var operands = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (a == "--")
            {
                operands.AddRange(args.Skip(i + 1));
                break;
            }
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                string name = a[2..];
                string? value = null;
                int eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq >= 0)
                {
                    value = name[(eq + 1)..];
                    name = name[..eq];
                }
                if (name == "help")
                    Help(xl, command);
                var match = longOptions?.FirstOrDefault(o => o.Name == name);
                if (match == null)
                    NotSupported(xl, '\0');
                if (match!.HasArgument && value == null)
                {
                    if (i + 1 >= args.Count)
                        NotSupported(xl, match.Short);
                    value = args[++i];
                }
                options.Add((match.Short, match.HasArgument ? value : null));
                continue;
            }
            if (a.Length < 2 || a[0] != '-')
            {
                operands.Add(a);
                continue;
            }
            for (int j = 1; j < a.Length; j++)
            {
                char c = a[j];
                int at = optstring.IndexOf(c, StringComparison.Ordinal);
                if (c == 'h' && at < 0)
                    Help(xl, command);
                if (at < 0 || c == ':')
                    NotSupported(xl, c);
                bool takesArgument = at + 1 < optstring.Length && optstring[at + 1] == ':';
                if (!takesArgument)
                {
                    if (c == 'h')
                        Help(xl, command);
                    options.Add((c, null));
                    continue;
                }
                string? value = j + 1 < a.Length ? a[(j + 1)..] : (i + 1 < args.Count ? args[++i] : null);
                if (value == null)
                    NotSupported(xl, c);
                options.Add((c, value));
                break;
            }
        }
        if (operands.Count < requiredOperands)
        {
            xl.Err.WriteLine($"'xl {command}' requires at least {requiredOperands} argument{(requiredOperands > 1 ? "s" : "")}.");
            xl.Err.WriteLine();
            XlHelp.Print(xl.Out, command);
            throw new XlExitException(2);
        }
        return (options, operands);
    }

    private static void Help(XlContext xl, string command)
    {
        XlHelp.Print(xl.Out, command);
        throw new XlExitException(0);
    }

    private static void NotSupported(XlContext xl, char option)
    {
        xl.Err.WriteLine(option == '\0' ? "option `' not supported." : $"option `{option}' not supported.");
        throw new XlExitException(2);
    }
}
