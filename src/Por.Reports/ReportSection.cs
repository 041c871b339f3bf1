// SPDX-License-Identifier: Apache-2.0

using System.Text;

namespace Por.Reports;

/// <summary>One titled section of the HTML report: <c>&lt;section id="sec-{Id}"&gt;&lt;h2&gt;{Title}&lt;/h2&gt;…</c>.
/// <see cref="HtmlReportRenderer"/> renders its list of sections in order; a new section is one more entry.</summary>
/// <param name="Id">The section's id (the element id is "sec-" + Id).</param>
/// <param name="Title">The heading (plain text, escaped when written).</param>
/// <param name="Write">Appends the section's body (escaped HTML).</param>
internal sealed record ReportSection(string Id, string Title, Action<StringBuilder> Write);
