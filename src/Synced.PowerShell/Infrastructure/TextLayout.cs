using System;
using System.Collections.Generic;
using System.Management.Automation.Host;
using System.Text;

namespace Synced.PowerShell.Infrastructure;

/// <summary>
/// Word wrapping for the module's views: pwsh wraps long list values at the screen width, in some cases in
/// the middle of a word ("not newe / r" in a log at 80 columns). The views wrap their values themselves, at
/// spaces, to the width that is left beside the labels within 80 columns (or a narrower screen), so pwsh has
/// nothing left to break wherever the text goes: a console, a log file, Out-String. Public because the format
/// file calls it.
/// </summary>
public static class TextLayout
{
    /// <summary>The widest the views get: what a log, a mail or a terminal shows without breaking lines.</summary>
    public const int MaxWidth = 80;

    private const int NarrowestColumn = 20;
    private static readonly char[] Space = { ' ' };

    /// <summary>The width a value can use beside a label column of <paramref name="labelColumn"/> characters: within 80 columns, or <paramref name="host"/>'s screen when narrower.</summary>
    public static int ValueWidth(object? host, int labelColumn)
    {
        var width = MaxWidth;
        try
        {
            if (host is PSHost { UI.RawUI: { } raw } && raw.BufferSize.Width > 0) width = Math.Min(MaxWidth, raw.BufferSize.Width);
        }
        catch (Exception ex) when (HostCapability.IsMissing(ex))
        {
            // A host without a screen: the default width.
        }
        // pwsh leaves the last column free; never narrower than a readable column.
        return Math.Max(NarrowestColumn, width - labelColumn - 1);
    }

    /// <summary>
    /// Wraps each line of <paramref name="text"/> at spaces to <paramref name="width"/> characters, continuation
    /// lines indented by <paramref name="hangingIndent"/>; a word longer than a line is cut only then.
    /// </summary>
    public static string Wrap(string? text, int width, int hangingIndent = 2)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        width = Math.Max(NarrowestColumn, width);
        hangingIndent = Math.Max(0, Math.Min(hangingIndent, width / 2));
        var lines = new List<string>();
        foreach (var paragraph in text!.Replace("\r\n", "\n").Split('\n'))
            WrapParagraph(paragraph, width, hangingIndent, lines);
        return string.Join(Environment.NewLine, lines);
    }

    private static void WrapParagraph(string paragraph, int width, int hangingIndent, List<string> lines)
    {
        var words = paragraph.Split(Space, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            lines.Add(string.Empty);
            return;
        }
        var line = new StringBuilder();
        var indent = string.Empty;
        foreach (var word in words)
        {
            var rest = word;
            while (true)
            {
                var room = width - line.Length - (line.Length > indent.Length ? 1 : 0);
                if (rest.Length <= room)
                {
                    if (line.Length > indent.Length) line.Append(' ');
                    line.Append(rest);
                    break;
                }
                if (line.Length > indent.Length)
                {
                    lines.Add(line.ToString());
                    indent = new string(' ', hangingIndent);
                    line.Clear().Append(indent);
                    continue;
                }
                // A word longer than a whole line: cut it, there is no space to break at.
                var fits = width - line.Length;
                line.Append(rest, 0, fits);
                lines.Add(line.ToString());
                rest = rest.Substring(fits);
                indent = new string(' ', hangingIndent);
                line.Clear().Append(indent);
            }
        }
        if (line.Length > indent.Length) lines.Add(line.ToString());
    }
}
