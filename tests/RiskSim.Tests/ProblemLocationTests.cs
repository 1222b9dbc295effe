using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>A model problem's field is reported at the line and column of the node it names in the file.</summary>
public class ProblemLocationTests
{
    private const string Text = """
        name: Located
        partners:
          - { id: county, share: 0.6 }
          - { id: city, share: 0.4 }
        workstreams:
          - id: ict
            annual_saving: 100000
            redundancy: { headcount: 3, cost_per_head: 30000 }
        correlations:
          - { between: [ict.annual_saving, ict.delay_months], rank: -0.3 }
        """;

    [Theory]
    [InlineData("partners", 3, 3)]
    [InlineData("partners.share", 3, 3)]
    [InlineData("partners[city].share", 4, 24)]
    [InlineData("correlations[0].between", 10, 16)]
    [InlineData("ict.annual_saving", 7, 20)]
    [InlineData("ict.redundancy.headcount", 8, 30)]
    [InlineData("ict.headcount", 8, 30)]
    [InlineData("ict.no_such_field", 6, 5)]
    [InlineData("nobody.annual_saving", 1, 1)]
    public void A_field_names_its_node_or_the_nearest_one_above_it(string field, int line, int column)
    {
        var root = Assert.IsType<YMapping>(YamlTree.Parse(Text, (_, _, _, message) => Assert.Fail(message)));
        var node = ScenarioReader.NodeAt(root, field);
        Assert.Equal((line, column), (node.Line, node.Column));
    }
}
