// SPDX-License-Identifier: Apache-2.0

using System.Reflection;

namespace Por.Common;

/// <summary>The tool's name and version, as recorded in manifests.</summary>
public static class ToolInfo
{
    /// <summary>The informational version of the tool (Por.Common carries it).</summary>
    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
