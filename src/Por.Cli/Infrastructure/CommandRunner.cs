// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using Por.Common;

namespace Por.Cli.Infrastructure;

/// <summary>Runs a command body and maps exceptions to por's exit codes, so no command crashes with a stack trace.</summary>
internal static class CommandRunner
{
    public static int Run(ParseResult parse, Option<bool> json, Func<CliContext, int> body)
    {
        var context = new CliContext(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, parse.GetValue(json));
        try
        {
            return body(context);
        }
        catch (InputException e)
        {
            return context.Fail(ExitCodes.InvalidInput, e.Message);
        }
        catch (ArgumentException e)
        {
            return context.Fail(ExitCodes.InvalidInput, e.Message);
        }
        catch (InvalidDataException e)
        {
            return context.Fail(ExitCodes.VerificationFailed, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException)
        {
            return context.Fail(ExitCodes.EnvironmentError, e.Message);
        }
    }
}
