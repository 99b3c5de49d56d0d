using System;
using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary>Recursive-descent parser for the CQL subset the node executes.</summary>
internal sealed class CqlParser
{
    private readonly List<CqlToken> _tokens;
    private int _pos;
    private int _markers;
    private readonly List<string?> _markerNames = new();

    private CqlParser(string text)
    {
        _tokens = CqlLexer.Tokenize(text);
    }

    /// <summary>Parses exactly one statement (a trailing semicolon is allowed).</summary>
    public static CqlStatement Parse(string text)
    {
        var parser = new CqlParser(text);
        var statement = parser.ParseStatement();
        parser.Accept(";");
        if (parser.Current.Kind != CqlTokenKind.End)
            throw parser.Error($"extraneous input '{parser.Current}' expecting <EOF>");
        statement.MarkerCount = parser._markers;
        statement.Text = text;
        statement.MarkerNames.AddRange(parser._markerNames);
        return statement;
    }

    /// <summary>Parses one CQL type as DDL writes it (e.g. <c>frozen&lt;map&lt;text, list&lt;int&gt;&gt;&gt;</c>).</summary>
    public static RawType ParseTypeText(string text)
    {
        var parser = new CqlParser(text);
        var type = parser.ParseType();
        if (parser.Current.Kind != CqlTokenKind.End) throw parser.Error($"extraneous input '{parser.Current}' expecting <EOF>");
        return type;
    }

    /// <summary>Parses one term (a constant, collection or function call) as it would appear in a statement.</summary>
    public static Term ParseTermText(string text)
    {
        var parser = new CqlParser(text);
        var term = parser.ParseTerm();
        if (parser.Current.Kind != CqlTokenKind.End) throw parser.Error($"extraneous input '{parser.Current}' expecting <EOF>");
        return term;
    }

    private CqlToken Current => _tokens[_pos];
    private CqlToken Peek(int ahead = 1) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    private CqlSyntaxException Error(string message) => new($"line 1:{Current.Position} {message}");

    private CqlSyntaxException Unexpected(string expecting)
        => Current.Kind == CqlTokenKind.End
            ? Error($"mismatched input '<EOF>' expecting {expecting}")
            : Error($"mismatched input '{Current}' expecting {expecting}");

    private bool AcceptKeyword(string keyword)
    {
        if (!Current.IsKeyword(keyword)) return false;
        _pos++;
        return true;
    }

    private void ExpectKeyword(string keyword)
    {
        if (!AcceptKeyword(keyword)) throw Unexpected(keyword);
    }

    private bool Accept(string symbol)
    {
        if (!Current.IsSymbol(symbol)) return false;
        _pos++;
        return true;
    }

    private void Expect(string symbol)
    {
        if (!Accept(symbol)) throw Unexpected("'" + symbol + "'");
    }

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "ADD", "ALLOW", "ALTER", "AND", "APPLY", "ASC", "AUTHORIZE", "BATCH", "BEGIN", "BY", "COLUMNFAMILY", "CREATE",
        "DELETE", "DESC", "DESCRIBE", "DROP", "ENTRIES", "EXECUTE", "FROM", "FULL", "GRANT", "IF", "IN", "INDEX",
        "INFINITY", "INSERT", "INTO", "KEYSPACE", "LIMIT", "MODIFY", "NAN", "NORECURSIVE", "NOT", "NULL", "OF", "ON",
        "OR", "ORDER", "PRIMARY", "RENAME", "REPLACE", "REVOKE", "SCHEMA", "SELECT", "SET", "TABLE", "TO", "TOKEN",
        "TRUNCATE", "UNLOGGED", "UPDATE", "USE", "USING", "VIEW", "WHERE", "WITH",
    };

    /// <summary>An identifier: unquoted ones are case-insensitive (lower-cased), quoted ones keep their case.</summary>
    private string Identifier(string what = "IDENT")
    {
        var t = Current;
        if (t.Kind == CqlTokenKind.QuotedIdentifier) { _pos++; return t.Text; }
        if (t.Kind == CqlTokenKind.Identifier && !Reserved.Contains(t.Text)) { _pos++; return t.Text.ToLowerInvariant(); }
        throw t.Kind == CqlTokenKind.End ? Error($"mismatched input '<EOF>' expecting {what}") : Error($"no viable alternative at input '{t}'");
    }

    /// <summary>Identifier where reserved keywords that Cassandra allows as names (e.g. <c>key</c>) are fine.</summary>
    private bool IsIdentifierStart => Current.Kind == CqlTokenKind.QuotedIdentifier || Current.Kind == CqlTokenKind.Identifier && !Reserved.Contains(Current.Text);

    private QualifiedName QualifiedName()
    {
        var first = Identifier();
        if (Accept(".")) return new QualifiedName(first, Identifier());
        return new QualifiedName(null, first);
    }

    private CqlStatement ParseStatement()
    {
        var t = Current;
        if (t.IsKeyword("SELECT")) return ParseSelect();
        if (t.IsKeyword("INSERT")) return ParseInsert();
        if (t.IsKeyword("UPDATE")) return ParseUpdate();
        if (t.IsKeyword("DELETE")) return ParseDelete();
        if (t.IsKeyword("BEGIN")) return ParseBatch();
        if (t.IsKeyword("USE")) { _pos++; return new UseStatement(Identifier()); }
        if (t.IsKeyword("CREATE")) return ParseCreate();
        if (t.IsKeyword("DROP")) return ParseDrop();
        if (t.IsKeyword("ALTER")) return ParseAlter();
        if (t.IsKeyword("TRUNCATE"))
        {
            _pos++;
            if (!AcceptKeyword("TABLE")) AcceptKeyword("COLUMNFAMILY");
            return new TruncateStatement { Table = QualifiedName() };
        }
        throw t.Kind == CqlTokenKind.End ? Error("mismatched input '<EOF>' expecting K_SELECT") : Error($"no viable alternative at input '{t}'");
    }

    // ---------------------------------------------------------------- SELECT

    private SelectStatement ParseSelect()
    {
        ExpectKeyword("SELECT");
        var s = new SelectStatement();
        if (AcceptKeyword("JSON")) s.Json = true;
        if (Current.IsKeyword("DISTINCT") && !Peek().IsKeyword("FROM") && !Peek().IsSymbol(",")) { _pos++; s.Distinct = true; }
        if (Accept("*")) s.Selectors = null;
        else
        {
            s.Selectors = new List<Selector>();
            do
            {
                var sel = ParseSelector();
                if (AcceptKeyword("AS")) sel.Alias = Identifier();
                s.Selectors.Add(sel);
            } while (Accept(","));
        }
        ExpectKeyword("FROM");
        s.Table = QualifiedName();
        if (AcceptKeyword("WHERE")) ParseWhere(s.Where);
        if (AcceptKeyword("GROUP")) throw Error("GROUP BY is not supported by this emulator");
        if (AcceptKeyword("ORDER"))
        {
            ExpectKeyword("BY");
            do
            {
                var col = Identifier();
                var desc = false;
                if (AcceptKeyword("DESC")) desc = true;
                else AcceptKeyword("ASC");
                s.OrderBy.Add(new KeyValuePair<string, bool>(col, desc));
            } while (Accept(","));
        }
        if (AcceptKeyword("PER"))
        {
            ExpectKeyword("PARTITION");
            ExpectKeyword("LIMIT");
            s.PerPartitionLimit = ParseTerm();
        }
        if (AcceptKeyword("LIMIT")) s.Limit = ParseTerm();
        if (AcceptKeyword("ALLOW"))
        {
            ExpectKeyword("FILTERING");
            s.AllowFiltering = true;
        }
        return s;
    }

    private Selector ParseSelector()
    {
        var t = Current;
        if ((t.Kind == CqlTokenKind.Identifier || t.Kind == CqlTokenKind.QuotedIdentifier) && Peek().IsSymbol("(") || t.IsKeyword("TOKEN") && Peek().IsSymbol("("))
        {
            var name = FunctionName();
            Expect("(");
            var sel = new Selector { Kind = SelectorKind.Function, Name = name };
            if (name == "count" && Current.IsSymbol("*"))
            {
                _pos++;
                Expect(")");
                sel.Kind = SelectorKind.CountStar;
                return sel;
            }
            if (!Current.IsSymbol(")"))
            {
                do sel.Args.Add(ParseSelector());
                while (Accept(","));
            }
            Expect(")");
            if (name == "writetime" || name == "ttl")
            {
                if (sel.Args.Count != 1 || sel.Args[0].Kind != SelectorKind.Column)
                    throw Error($"mismatched input expecting a column name inside {name}()");
                sel.Kind = name == "writetime" ? SelectorKind.Writetime : SelectorKind.Ttl;
                sel.Name = sel.Args[0].Name;
                sel.Args.Clear();
            }
            return sel;
        }
        if (t.Kind == CqlTokenKind.Identifier && t.Text.Equals("CAST", StringComparison.OrdinalIgnoreCase) && Peek().IsSymbol("("))
            throw Error("CAST is not supported by this emulator");
        if (IsIdentifierStart) return new Selector { Kind = SelectorKind.Column, Name = Identifier() };
        return new Selector { Kind = SelectorKind.Term, Term = ParseTerm() };
    }

    private string FunctionName()
    {
        var name = Current.Kind == CqlTokenKind.QuotedIdentifier ? Current.Text : Current.Text.ToLowerInvariant();
        _pos++;
        if (Accept(".")) { name = Current.Text.ToLowerInvariant(); _pos++; }
        return name;
    }

    private void ParseWhere(List<Relation> relations)
    {
        do relations.Add(ParseRelation());
        while (AcceptKeyword("AND"));
    }

    private Relation ParseRelation()
    {
        var r = new Relation();
        if (Current.IsKeyword("TOKEN") && Peek().IsSymbol("("))
        {
            _pos += 2;
            r.IsToken = true;
            do r.Columns.Add(Identifier());
            while (Accept(","));
            Expect(")");
        }
        else if (Current.IsSymbol("("))
        {
            throw Error("multi-column relations are not supported by this emulator");
        }
        else
        {
            r.Columns.Add(Identifier());
        }
        var op = Current;
        if (op.IsKeyword("IN"))
        {
            _pos++;
            r.Operator = RelationOperator.In;
            if (Current.Kind is CqlTokenKind.QuestionMark or CqlTokenKind.NamedMarker) r.Value = ParseTerm();
            else
            {
                Expect("(");
                r.InValues = new List<Term>();
                if (!Current.IsSymbol(")"))
                {
                    do r.InValues.Add(ParseTerm());
                    while (Accept(","));
                }
                Expect(")");
            }
            return r;
        }
        if (op.IsKeyword("CONTAINS"))
        {
            _pos++;
            r.Operator = AcceptKeyword("KEY") ? RelationOperator.ContainsKey : RelationOperator.Contains;
            r.Value = ParseTerm();
            return r;
        }
        r.Operator = op.Kind == CqlTokenKind.Symbol ? op.Text switch
        {
            "=" => RelationOperator.Eq,
            "<" => RelationOperator.Lt,
            "<=" => RelationOperator.Lte,
            ">" => RelationOperator.Gt,
            ">=" => RelationOperator.Gte,
            "!=" => RelationOperator.Neq,
            _ => throw Error($"no viable alternative at input '{op}'"),
        } : throw Error($"no viable alternative at input '{op}'");
        _pos++;
        r.Value = ParseTerm();
        return r;
    }

    // ---------------------------------------------------------------- INSERT / UPDATE / DELETE / BATCH

    private InsertStatement ParseInsert()
    {
        ExpectKeyword("INSERT");
        ExpectKeyword("INTO");
        var s = new InsertStatement { Table = QualifiedName() };
        if (AcceptKeyword("JSON"))
        {
            s.Json = ParseTerm();
        }
        else
        {
            Expect("(");
            do s.Columns.Add(Identifier());
            while (Accept(","));
            Expect(")");
            ExpectKeyword("VALUES");
            Expect("(");
            do s.Values.Add(ParseTerm());
            while (Accept(","));
            Expect(")");
            if (s.Columns.Count != s.Values.Count)
                throw new CqlInvalidException($"Unmatched column names/values");
        }
        if (AcceptKeyword("IF"))
        {
            ExpectKeyword("NOT");
            ExpectKeyword("EXISTS");
            s.IfNotExists = true;
        }
        ParseUsing(s.Using);
        return s;
    }

    private void ParseUsing(UsingClause u)
    {
        if (!AcceptKeyword("USING")) return;
        do
        {
            if (AcceptKeyword("TIMESTAMP")) u.Timestamp = ParseTerm();
            else if (AcceptKeyword("TTL")) u.Ttl = ParseTerm();
            else throw Unexpected("K_TIMESTAMP or K_TTL");
        } while (AcceptKeyword("AND"));
    }

    private UpdateStatement ParseUpdate()
    {
        ExpectKeyword("UPDATE");
        var s = new UpdateStatement { Table = QualifiedName() };
        ParseUsing(s.Using);
        ExpectKeyword("SET");
        do s.Assignments.Add(ParseAssignment());
        while (Accept(","));
        ExpectKeyword("WHERE");
        ParseWhere(s.Where);
        ParseConditions(s);
        return s;
    }

    private Assignment ParseAssignment()
    {
        var a = new Assignment { Column = Identifier() };
        if (Accept("["))
        {
            a.Element = ParseTerm();
            Expect("]");
            Expect("=");
            a.Kind = AssignmentKind.SetElement;
            a.Value = ParseTerm();
            return a;
        }
        if (Accept("."))
        {
            a.Field = Identifier();
            Expect("=");
            a.Kind = AssignmentKind.SetField;
            a.Value = ParseTerm();
            return a;
        }
        Expect("=");
        // col = col + t | col = col - t | col = t + col | col = t
        if (IsIdentifierStart && Peek().Kind == CqlTokenKind.Symbol && (Peek().Text == "+" || Peek().Text == "-") && !Peek(2).IsSymbol("("))
        {
            var other = Identifier();
            if (other != a.Column) throw new CqlInvalidException($"Only expressions of the form X = X +<value> are supported.");
            a.Kind = Accept("+") ? AssignmentKind.Add : Accept("-") ? AssignmentKind.Remove : throw Unexpected("'+' or '-'");
            a.Value = ParseTerm();
            return a;
        }
        var value = ParseTerm();
        if (Accept("+"))
        {
            var other = Identifier();
            if (other != a.Column) throw new CqlInvalidException($"Only expressions of the form X = <value> + X are supported.");
            a.Kind = AssignmentKind.Prepend;
            a.Value = value;
            return a;
        }
        a.Kind = AssignmentKind.Set;
        a.Value = value;
        return a;
    }

    private void ParseConditions(ModificationStatement s)
    {
        if (!AcceptKeyword("IF")) return;
        if (AcceptKeyword("EXISTS")) { s.IfExists = true; return; }
        do s.Conditions.Add(ParseRelation());
        while (AcceptKeyword("AND"));
    }

    private DeleteStatement ParseDelete()
    {
        ExpectKeyword("DELETE");
        var s = new DeleteStatement();
        if (!Current.IsKeyword("FROM"))
        {
            do
            {
                var target = new DeleteTarget { Column = Identifier() };
                if (Accept("["))
                {
                    target.Element = ParseTerm();
                    Expect("]");
                }
                s.Targets.Add(target);
            } while (Accept(","));
        }
        ExpectKeyword("FROM");
        s.Table = QualifiedName();
        ParseUsing(s.Using);
        ExpectKeyword("WHERE");
        ParseWhere(s.Where);
        ParseConditions(s);
        return s;
    }

    private BatchStatement ParseBatch()
    {
        ExpectKeyword("BEGIN");
        var b = new BatchStatement();
        if (AcceptKeyword("UNLOGGED")) b.Kind = BatchKind.Unlogged;
        else if (AcceptKeyword("COUNTER")) b.Kind = BatchKind.Counter;
        ExpectKeyword("BATCH");
        ParseUsing(b.Using);
        while (!Current.IsKeyword("APPLY"))
        {
            if (Current.IsKeyword("INSERT")) b.Statements.Add(ParseInsert());
            else if (Current.IsKeyword("UPDATE")) b.Statements.Add(ParseUpdate());
            else if (Current.IsKeyword("DELETE")) b.Statements.Add(ParseDelete());
            else throw Unexpected("K_APPLY");
            Accept(";");
        }
        ExpectKeyword("APPLY");
        ExpectKeyword("BATCH");
        return b;
    }

    // ---------------------------------------------------------------- DDL

    private CqlStatement ParseCreate()
    {
        ExpectKeyword("CREATE");
        if (AcceptKeyword("KEYSPACE") || AcceptKeyword("SCHEMA"))
        {
            var s = new CreateKeyspaceStatement
            {
                IfNotExists = IfNotExists(),
                Name = Identifier(),
            };
            if (AcceptKeyword("WITH")) ParseProperties(s.Properties);
            return s;
        }
        if (AcceptKeyword("TABLE") || AcceptKeyword("COLUMNFAMILY"))
        {
            var s = new CreateTableStatement
            {
                IfNotExists = IfNotExists(),
                Table = QualifiedName(),
            };
            ParseTableBody(s);
            if (AcceptKeyword("WITH"))
            {
                do
                {
                    if (AcceptKeyword("CLUSTERING"))
                    {
                        ExpectKeyword("ORDER");
                        ExpectKeyword("BY");
                        Expect("(");
                        do
                        {
                            var col = Identifier();
                            var desc = AcceptKeyword("DESC");
                            if (!desc) AcceptKeyword("ASC");
                            s.ClusteringOrder.Add(new KeyValuePair<string, bool>(col, desc));
                        } while (Accept(","));
                        Expect(")");
                    }
                    else if (AcceptKeyword("COMPACT"))
                    {
                        ExpectKeyword("STORAGE");
                        s.CompactStorage = true;
                    }
                    else ParseProperty(s.Properties);
                } while (AcceptKeyword("AND"));
            }
            return s;
        }
        var custom = AcceptKeyword("CUSTOM");
        if (AcceptKeyword("INDEX")) return ParseCreateIndex(custom);
        if (custom) throw Unexpected("INDEX");
        if (AcceptKeyword("TYPE"))
        {
            var s = new CreateTypeStatement
            {
                IfNotExists = IfNotExists(),
                Type = QualifiedName(),
            };
            Expect("(");
            do
            {
                var name = Identifier();
                s.Fields.Add(new KeyValuePair<string, RawType>(name, ParseType()));
            } while (Accept(","));
            Expect(")");
            return s;
        }
        throw Error($"no viable alternative at input '{Current}'");
    }

    /// <summary>After CREATE [CUSTOM] INDEX: [IF NOT EXISTS] [name] ON table (target) [USING 'class' [WITH OPTIONS = {...}]].</summary>
    private CreateIndexStatement ParseCreateIndex(bool custom)
    {
        var s = new CreateIndexStatement { Custom = custom, IfNotExists = IfNotExists() };
        if (!Current.IsKeyword("ON")) s.Name = Identifier();
        ExpectKeyword("ON");
        s.Table = QualifiedName();
        Expect("(");
        if (Current.Kind == CqlTokenKind.Identifier && Peek().IsSymbol("(")
            && (Current.IsKeyword("keys") || Current.IsKeyword("values") || Current.IsKeyword("entries") || Current.IsKeyword("full")))
        {
            s.TargetKind = Current.Text.ToLowerInvariant();
            _pos++;
            Expect("(");
            s.Column = Identifier();
            Expect(")");
        }
        else s.Column = Identifier();
        Expect(")");
        if (AcceptKeyword("USING"))
        {
            if (Current.Kind != CqlTokenKind.String) throw Unexpected("STRING_LITERAL");
            s.Using = Current.Text;
            _pos++;
            if (AcceptKeyword("WITH"))
            {
                var name = Identifier();
                if (name != "options") throw Error($"no viable alternative at input '{name}' (index properties are WITH OPTIONS = {{...}})");
                Expect("=");
                if (ParseTerm() is not MapTerm map) throw Error("OPTIONS must be a map");
                foreach (var e in map.Entries)
                    s.Options[((LiteralTerm)e.Key).Text] = ((LiteralTerm)e.Value).Text;
            }
        }
        else if (custom)
        {
            throw Unexpected("K_USING");
        }
        return s;
    }

    private bool IfNotExists()
    {
        if (!AcceptKeyword("IF")) return false;
        ExpectKeyword("NOT");
        ExpectKeyword("EXISTS");
        return true;
    }

    private void ParseTableBody(CreateTableStatement s)
    {
        Expect("(");
        do
        {
            if (AcceptKeyword("PRIMARY"))
            {
                ExpectKeyword("KEY");
                Expect("(");
                if (Accept("("))
                {
                    do s.PartitionKey.Add(Identifier());
                    while (Accept(","));
                    Expect(")");
                }
                else s.PartitionKey.Add(Identifier());
                while (Accept(",")) s.Clustering.Add(Identifier());
                Expect(")");
                continue;
            }
            if (Current.IsSymbol(")")) break;
            var def = new ColumnDefinition { Name = Identifier(), Type = ParseType() };
            if (AcceptKeyword("STATIC")) def.Static = true;
            if (AcceptKeyword("PRIMARY"))
            {
                ExpectKeyword("KEY");
                if (s.PartitionKey.Count > 0) throw new CqlInvalidException("Multiple PRIMARY KEYs specified (exactly one required)");
                s.PartitionKey.Add(def.Name);
            }
            s.Columns.Add(def);
        } while (Accept(","));
        Expect(")");
    }

    private RawType ParseType()
    {
        var t = Current;
        if (t.Kind == CqlTokenKind.QuotedIdentifier) { _pos++; return new RawType(t.Text, new List<RawType>(), false, true); }
        if (t.Kind != CqlTokenKind.Identifier) throw Unexpected("a type");
        _pos++;
        var name = t.Text.ToLowerInvariant();
        if (Accept("."))
        {
            // keyspace-qualified user type: keep only the type name (same keyspace is required anyway).
            name = Identifier();
        }
        var parameters = new List<RawType>();
        int? dimension = null;
        if (Accept("<"))
        {
            do
            {
                // vector<type, n>: the dimension is an integer literal.
                if (name == "vector" && parameters.Count == 1 && Current.Kind == CqlTokenKind.Integer)
                {
                    dimension = int.Parse(Current.Text, System.Globalization.CultureInfo.InvariantCulture);
                    _pos++;
                }
                else parameters.Add(ParseType());
            } while (Accept(","));
            Expect(">");
        }
        if (name == "frozen")
        {
            if (parameters.Count != 1) throw Error("frozen<> takes exactly one type");
            var inner = parameters[0];
            return new RawType(inner.Name, inner.Parameters, true, inner.Quoted, inner.Dimension);
        }
        return new RawType(name, parameters, false, false, dimension);
    }

    private void ParseProperties(Dictionary<string, object> properties)
    {
        do ParseProperty(properties);
        while (AcceptKeyword("AND"));
    }

    private void ParseProperty(Dictionary<string, object> properties)
    {
        var name = Identifier().ToLowerInvariant();
        Expect("=");
        properties[name] = ParseTerm();
    }

    private CqlStatement ParseAlter()
    {
        ExpectKeyword("ALTER");
        if (AcceptKeyword("KEYSPACE") || AcceptKeyword("SCHEMA"))
        {
            var ks = new AlterKeyspaceStatement { Name = Identifier() };
            ExpectKeyword("WITH");
            ParseProperties(ks.Properties);
            return ks;
        }
        if (AcceptKeyword("TYPE"))
        {
            var type = new AlterTypeStatement { Type = QualifiedName() };
            if (!AcceptKeyword("ADD")) throw Error("only ALTER TYPE ... ADD is supported by this emulator");
            do
            {
                var field = Identifier();
                type.Added.Add(new KeyValuePair<string, RawType>(field, ParseType()));
            } while (Accept(","));
            return type;
        }
        if (!AcceptKeyword("TABLE")) ExpectKeyword("COLUMNFAMILY");
        var s = new AlterTableStatement { Table = QualifiedName() };
        if (AcceptKeyword("ADD"))
        {
            s.Kind = AlterTableKind.Add;
            var parenthesized = Accept("(");
            do
            {
                var def = new ColumnDefinition { Name = Identifier(), Type = ParseType() };
                if (AcceptKeyword("STATIC")) def.Static = true;
                s.Added.Add(def);
            } while (parenthesized && Accept(","));
            if (parenthesized) Expect(")");
        }
        else if (AcceptKeyword("DROP"))
        {
            s.Kind = AlterTableKind.Drop;
            var parenthesized = Accept("(");
            do s.Dropped.Add(Identifier());
            while (parenthesized && Accept(","));
            if (parenthesized) Expect(")");
        }
        else if (AcceptKeyword("WITH"))
        {
            s.Kind = AlterTableKind.With;
            ParseProperties(s.Properties);
        }
        else
        {
            throw Error($"no viable alternative at input '{Current}' (this emulator supports ALTER TABLE ADD, DROP and WITH)");
        }
        return s;
    }

    private DropStatement ParseDrop()
    {
        ExpectKeyword("DROP");
        var s = new DropStatement();
        if (AcceptKeyword("KEYSPACE") || AcceptKeyword("SCHEMA")) s.Kind = DropKind.Keyspace;
        else if (AcceptKeyword("TABLE") || AcceptKeyword("COLUMNFAMILY")) s.Kind = DropKind.Table;
        else if (AcceptKeyword("TYPE")) s.Kind = DropKind.Type;
        else if (AcceptKeyword("INDEX")) s.Kind = DropKind.Index;
        else throw Error($"no viable alternative at input '{Current}'");
        if (AcceptKeyword("IF"))
        {
            ExpectKeyword("EXISTS");
            s.IfExists = true;
        }
        s.Name = s.Kind == DropKind.Keyspace ? new QualifiedName(null, Identifier()) : QualifiedName();
        return s;
    }

    // ---------------------------------------------------------------- terms

    private Term ParseTerm()
    {
        var t = Current;
        switch (t.Kind)
        {
            case CqlTokenKind.String: _pos++; return new LiteralTerm(LiteralKind.String, t.Text);
            case CqlTokenKind.Integer: _pos++; return new LiteralTerm(LiteralKind.Integer, t.Text);
            case CqlTokenKind.Float: _pos++; return new LiteralTerm(LiteralKind.Float, t.Text);
            case CqlTokenKind.Uuid: _pos++; return new LiteralTerm(LiteralKind.Uuid, t.Text);
            case CqlTokenKind.Hex: _pos++; return new LiteralTerm(LiteralKind.Hex, t.Text);
            case CqlTokenKind.Duration: _pos++; return new LiteralTerm(LiteralKind.Duration, t.Text);
            case CqlTokenKind.QuestionMark:
                _pos++;
                _markerNames.Add(null);
                return new BindMarkerTerm(_markers++, null);
            case CqlTokenKind.NamedMarker:
                _pos++;
                _markerNames.Add(t.Text);
                return new BindMarkerTerm(_markers++, t.Text);
        }
        if (t.IsSymbol("-") && (Peek().IsKeyword("Infinity") || Peek().IsKeyword("NaN")))
        {
            _pos += 2;
            return new LiteralTerm(LiteralKind.SpecialFloat, "-" + Peek(-1).Text);
        }
        if (t.Kind == CqlTokenKind.Identifier)
        {
            if (t.IsKeyword("true") || t.IsKeyword("false")) { _pos++; return new LiteralTerm(LiteralKind.Boolean, t.Text.ToLowerInvariant()); }
            if (t.IsKeyword("null")) { _pos++; return new LiteralTerm(LiteralKind.Null, "null"); }
            if (t.IsKeyword("NaN") || t.IsKeyword("Infinity")) { _pos++; return new LiteralTerm(LiteralKind.SpecialFloat, t.Text); }
            if (Peek().IsSymbol("(") || Peek().IsSymbol(".") && Peek(3).IsSymbol("("))
            {
                var name = FunctionName();
                Expect("(");
                var args = new List<Term>();
                if (!Current.IsSymbol(")"))
                {
                    do args.Add(ParseTerm());
                    while (Accept(","));
                }
                Expect(")");
                return new FunctionTerm(name, args);
            }
        }
        if (Accept("["))
        {
            var items = new List<Term>();
            if (!Current.IsSymbol("]"))
            {
                do items.Add(ParseTerm());
                while (Accept(","));
            }
            Expect("]");
            return new ListTerm(items);
        }
        if (Accept("{"))
        {
            if (Accept("}")) return new SetTerm(new List<Term>());
            if (IsIdentifierStart && Peek().IsSymbol(":") && !(Current.Kind == CqlTokenKind.Identifier && (Current.IsKeyword("true") || Current.IsKeyword("false"))))
            {
                var fields = new List<KeyValuePair<string, Term>>();
                do
                {
                    var field = Identifier();
                    Expect(":");
                    fields.Add(new KeyValuePair<string, Term>(field, ParseTerm()));
                } while (Accept(","));
                Expect("}");
                return new UdtTerm(fields);
            }
            var first = ParseTerm();
            if (Accept(":"))
            {
                var entries = new List<KeyValuePair<Term, Term>> { new(first, ParseTerm()) };
                while (Accept(","))
                {
                    var k = ParseTerm();
                    Expect(":");
                    entries.Add(new KeyValuePair<Term, Term>(k, ParseTerm()));
                }
                Expect("}");
                return new MapTerm(entries);
            }
            var setItems = new List<Term> { first };
            while (Accept(",")) setItems.Add(ParseTerm());
            Expect("}");
            return new SetTerm(setItems);
        }
        if (Accept("("))
        {
            // A cast "(type) term" or a tuple literal "(a, b)".
            if (Current.Kind == CqlTokenKind.Identifier && Schema.ColumnType.TryNative(Current.Text, out _) && Peek().IsSymbol(")"))
            {
                var type = ParseType();
                Expect(")");
                return new CastTerm(type, ParseTerm());
            }
            var items = new List<Term>();
            do items.Add(ParseTerm());
            while (Accept(","));
            Expect(")");
            return new TupleTerm(items);
        }
        throw t.Kind == CqlTokenKind.End ? Error("mismatched input '<EOF>' expecting a value") : Error($"no viable alternative at input '{t}'");
    }
}
