// SPDX-License-Identifier: Apache-2.0

using System.Text;

namespace Por.Common;

/// <summary>
/// The one rule for machine-readable names of enum members in por's JSON (failure codes, statuses, kinds): the member
/// name in snake case, <c>RootMismatch</c> → <c>root_mismatch</c>. Scripts branch on these codes, so every layer must
/// derive them the same way.
/// </summary>
public static class SnakeCase
{
    /// <summary>The snake-case code of an enum member.</summary>
    /// <param name="value">The member.</param>
    /// <returns>The code.</returns>
    public static string Of(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Of(value.ToString());
    }

    /// <summary>A PascalCase name in snake case: an underscore before every upper-case letter but the first, all lower case.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The code.</returns>
    public static string Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var code = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                code.Append('_');
            }

            code.Append(char.ToLowerInvariant(c));
        }

        return code.ToString();
    }
}
