using System;
using Synced.Core.Elasticsearch;
using Xunit;

namespace Synced.Core.Tests.Elasticsearch;

public class CqlTypeExpressionTests
{
    [Fact]
    public void Frozen_is_unwrapped_and_arguments_are_parsed()
    {
        var type = CqlTypeExpression.Parse("map<text, frozen<list<int>>>");
        Assert.Equal("map", type.Name);
        Assert.Equal("text", type.Arguments[0].Name);
        Assert.Equal("list", type.Arguments[1].Name);
        Assert.Equal("int", type.Arguments[1].Arguments[0].Name);
    }

    [Fact]
    public void Quoted_user_type_names_keep_their_case_and_drop_the_keyspace()
    {
        var type = CqlTypeExpression.Parse("frozen<shop.\"Address\">");
        Assert.Equal("Address", type.Name);
        Assert.True(type.IsUserDefined);
    }

    [Fact]
    public void A_custom_type_is_its_class_name()
    {
        var type = CqlTypeExpression.Parse("'org.example.MyType'");
        Assert.True(type.IsCustom);
        Assert.Equal("org.example.MyType", type.Name);
    }

    [Theory]
    [InlineData("map<text>")]
    [InlineData("list<int")]
    [InlineData("list<int>>")]
    [InlineData("")]
    [InlineData("tuple<>")]
    [InlineData("frozen<int, text>")]
    public void Malformed_types_are_rejected_with_the_text(string text)
    {
        var ex = Assert.Throws<FormatException>(() => CqlTypeExpression.Parse(text));
        Assert.Contains("CQL type", ex.Message);
    }
}
