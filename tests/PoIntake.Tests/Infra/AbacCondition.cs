using System.Text;
using System.Text.RegularExpressions;

namespace PoIntake.Tests.Infra;

/// <summary>One storage request as an ABAC condition sees it: the data action, the suboperation and the attributes.</summary>
internal sealed record AbacRequest(string Action, string? SubOperation, IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// Evaluates an Azure role-assignment condition (version 2.0) for a request, with the operators the PoIntake
/// conditions use, as documented in "Azure role assignment condition format and syntax": ActionMatches,
/// SubOperationMatches, AND/OR/NOT (!), StringEquals, StringNotEquals, StringLike, StringNotLike (wildcards * and ?,
/// case-sensitive) and ForAnyOfAnyValues:StringLike. AND and OR mixed at one level without parentheses are refused,
/// as Azure refuses them. An attribute the request does not carry makes its comparison false.
/// </summary>
internal sealed class AbacCondition
{
    private readonly List<Token> tokens;
    private int position;
    private AbacRequest request = null!;

    private AbacCondition(string condition) => tokens = Tokenize(condition);

    public static bool Allows(string condition, AbacRequest request)
    {
        var parser = new AbacCondition(condition) { request = request };
        var result = parser.Expression();
        if (parser.position != parser.tokens.Count)
        {
            throw new FormatException($"unexpected '{parser.tokens[parser.position].Text}' after the condition");
        }

        return result;
    }

    /// <summary>The condition's StringLike: * any run of characters, ? exactly one, case-sensitive, whole string.</summary>
    public static bool Like(string value, string pattern)
    {
        var regex = new StringBuilder("^");
        foreach (var c in pattern)
        {
            regex.Append(c switch { '*' => ".*", '?' => ".", _ => Regex.Escape(c.ToString()) });
        }

        return Regex.IsMatch(value, regex.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    private bool Expression()
    {
        var values = new List<bool> { Unary() };
        string? joiner = null;
        while (Peek() is { Kind: TokenKind.Word } word && (word.Text is "AND" or "OR"))
        {
            if (joiner is not null && joiner != word.Text)
            {
                throw new FormatException("AND and OR mixed without parentheses");
            }

            joiner = word.Text;
            position++;
            values.Add(Unary());
        }

        return joiner == "OR" ? values.Any(v => v) : values.All(v => v);
    }

    private bool Unary()
    {
        if (Peek() is { Text: "!" or "NOT" })
        {
            position++;
            return !Unary();
        }

        return Primary();
    }

    private bool Primary()
    {
        var token = Next();
        if (token.Text == "(")
        {
            var inner = Expression();
            Expect(")");
            return inner;
        }

        if (token.Text is "ActionMatches" or "SubOperationMatches")
        {
            Expect("{");
            var pattern = Next(TokenKind.String).Text;
            Expect("}");
            var actual = token.Text == "ActionMatches" ? request.Action : request.SubOperation;
            return actual is not null && Like(actual, pattern);
        }

        if (token.Kind != TokenKind.Attribute)
        {
            throw new FormatException($"expected an attribute, found '{token.Text}'");
        }

        var op = Next(TokenKind.Word).Text;
        var values = Values();
        if (!request.Attributes.TryGetValue(token.Text, out var value))
        {
            return false;
        }

        return op switch
        {
            "StringEquals" => values.Single() == value,
            "StringNotEquals" => values.Single() != value,
            "StringLike" => Like(value, values.Single()),
            "StringNotLike" => !Like(value, values.Single()),
            "ForAnyOfAnyValues:StringLike" => values.Any(pattern => Like(value, pattern)),
            _ => throw new FormatException($"operator {op} is not modelled"),
        };
    }

    private List<string> Values()
    {
        if (Peek() is { Text: "{" })
        {
            position++;
            var list = new List<string> { Next(TokenKind.String).Text };
            while (Peek() is { Text: "," })
            {
                position++;
                list.Add(Next(TokenKind.String).Text);
            }

            Expect("}");
            return list;
        }

        return [Next(TokenKind.String).Text];
    }

    private Token? Peek() => position < tokens.Count ? tokens[position] : null;

    private Token Next(TokenKind? kind = null)
    {
        var token = Peek() ?? throw new FormatException("the condition ends too early");
        if (kind is not null && token.Kind != kind)
        {
            throw new FormatException($"expected {kind}, found '{token.Text}'");
        }

        position++;
        return token;
    }

    private void Expect(string text)
    {
        var token = Next();
        if (token.Text != text)
        {
            throw new FormatException($"expected '{text}', found '{token.Text}'");
        }
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or '{' or '}' or ',' or '!')
            {
                tokens.Add(new Token(TokenKind.Symbol, c.ToString()));
                i++;
            }
            else if (c == '\'')
            {
                var end = text.IndexOf('\'', i + 1);
                tokens.Add(new Token(TokenKind.String, text[(i + 1)..end]));
                i = end + 1;
            }
            else if (c == '@')
            {
                var end = text.IndexOf(']', i);
                tokens.Add(new Token(TokenKind.Attribute, text[i..(end + 1)]));
                i = end + 1;
            }
            else
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == ':'))
                {
                    i++;
                }

                if (i == start)
                {
                    throw new FormatException($"unexpected character '{c}' at {i}");
                }

                tokens.Add(new Token(TokenKind.Word, text[start..i]));
            }
        }

        return tokens;
    }

    private enum TokenKind
    {
        Symbol,
        String,
        Attribute,
        Word,
    }

    private sealed record Token(TokenKind Kind, string Text);
}
