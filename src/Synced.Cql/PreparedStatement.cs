using System;
using System.Collections.Generic;
using Synced.Cql.Protocol;

namespace Synced.Cql
{
    /// <summary>A statement prepared on the cluster: its id and the metadata of its bind variables and result columns.</summary>
    public sealed class PreparedStatement
    {
        private volatile byte[] _id;

        internal PreparedStatement(string query, string? keyspace, PreparedResult prepared)
        {
            Query = query;
            Keyspace = keyspace;
            _id = prepared.Id;
            Variables = prepared.Variables;
            ResultMetadata = prepared.ResultMetadata;
            var types = new Types.CqlType[Variables.ColumnCount];
            for (int i = 0; i < types.Length; i++)
            {
                types[i] = Variables.Columns?[i].Type ?? throw new CqlProtocolException($"The node sent no bind variable metadata for: {query}");
            }

            VariableTypes = types;
        }

        /// <summary>Types of the bind variables, in marker order.</summary>
        internal IReadOnlyList<Types.CqlType> VariableTypes { get; }

        public string Query { get; }

        /// <summary>The session keyspace it was prepared in (if any).</summary>
        public string? Keyspace { get; }

        /// <summary>The id nodes know it by (can change when a node re-prepares it).</summary>
        public byte[] Id
        {
            get => _id;
            internal set => _id = value;
        }

        /// <summary>Bind variables with their types and which of them form the partition key.</summary>
        public RowsMetadata Variables { get; }

        /// <summary>Columns the statement returns (empty for writes).</summary>
        public RowsMetadata ResultMetadata { get; }

        /// <summary>Binds positional values, one per bind marker; pass <see cref="Types.CqlUnset.Value"/> to leave one unset.</summary>
        public BoundStatement Bind(params object?[] values)
        {
            if (values.Length != Variables.ColumnCount)
            {
                throw new ArgumentException($"The statement has {Variables.ColumnCount} bind markers; {values.Length} values were given: {Query}");
            }

            return new BoundStatement(this, values);
        }

        /// <summary>Binds values by variable name; variables not given are left unset.</summary>
        public BoundStatement Bind(IReadOnlyDictionary<string, object?> values)
        {
            var bound = new object?[Variables.ColumnCount];
            for (int i = 0; i < bound.Length; i++)
            {
                bound[i] = Types.CqlUnset.Value;
            }

            foreach (KeyValuePair<string, object?> pair in values)
            {
                int index = Variables.IndexOf(pair.Key);
                if (index < 0)
                {
                    throw new ArgumentException($"The statement has no bind variable named '{pair.Key}': {Query}");
                }

                bound[index] = pair.Value;
            }

            return new BoundStatement(this, bound);
        }
    }
}
