using System.Text;

namespace Synced.Cql.Types;

/// <summary>CQL identifier quoting: unquoted names are case-insensitive (folded to lower case), quoted ones are kept.</summary>
public static class CqlIdentifier
{
    /// <summary>Returns the name as CQL text, double-quoted only when it needs to be.</summary>
    public static string Quote(string name)
    {
        if (IsPlain(name))
        {
            return name;
        }

        return "\"" + name.Replace("\"", "\"\"") + "\"";
    }

    /// <summary>True when the name is lower-case letters, digits and underscores starting with a letter.</summary>
    public static bool IsPlain(string name)
    {
        if (name.Length == 0 || !(name[0] >= 'a' && name[0] <= 'z'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Turns identifier text as written in CQL into the stored name: unquoted is lower-cased, quoted is unescaped.</summary>
    public static string Normalize(string text)
    {
        if (text.Length >= 2 && text[0] == '"' && text[text.Length - 1] == '"')
        {
            var builder = new StringBuilder(text.Length);
            for (var i = 1; i < text.Length - 1; i++)
            {
                builder.Append(text[i]);
                if (text[i] == '"' && i + 1 < text.Length - 1 && text[i + 1] == '"')
                {
                    i++;
                }
            }

            return builder.ToString();
        }

        return text.ToLowerInvariant();
    }
}
