using DurableAgents.Agents;
using DurableAgents.Tools.Mcp;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;

namespace DurableAgents.Tests.Tools.Mcp;

/// <summary>Validation of MCP server options and how their tools join an agent (no server needed).</summary>
public sealed class McpServerOptionsTests
{
    private static McpServerOptions Valid() => new() { Name = "files", Command = "npx", Tools = [new McpToolOptions("read_file")] };

    [Theory]
    [InlineData("bad name")]
    [InlineData("")]
    public void Validate_BadServerName_SaysWhatNamesAreAllowed(string name)
    {
        var options = Valid();
        options.Name = name;

        Assert.Contains("letters, digits", Assert.Throws<ArgumentException>(options.Validate).Message);
    }

    [Fact]
    public void Validate_BothOrNeitherTransport_AsksForExactlyOne()
    {
        var both = Valid();
        both.Url = new Uri("http://localhost/mcp");
        var neither = Valid();
        neither.Command = null;

        Assert.Contains("exactly one of Command", Assert.Throws<ArgumentException>(both.Validate).Message);
        Assert.Contains("exactly one of Command", Assert.Throws<ArgumentException>(neither.Validate).Message);
    }

    [Fact]
    public void Validate_NoTools_ExplainsWhyTheyMustBeNamed()
    {
        var options = Valid();
        options.Tools.Clear();

        Assert.Contains("replay", Assert.Throws<ArgumentException>(options.Validate).Message);
    }

    [Theory]
    [InlineData("read.file")]
    [InlineData("")]
    public void Validate_BadToolName_IsRefused(string tool)
    {
        var options = Valid();
        options.Tools = [new McpToolOptions(tool)];

        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("{not json")]
    public void Validate_InputSchemaNotAnObject_IsRefused(string schema)
    {
        var options = Valid();
        options.Tools = [new McpToolOptions("read_file") { InputSchema = schema }];

        Assert.Contains("InputSchema", Assert.Throws<ArgumentException>(options.Validate).Message);
    }

    [Fact]
    public void AddMcpServer_ToolsGetWritePermissionByDefault_AndTheirOwnPolicy()
    {
        var agent = new AgentDefinition("a");
        var options = Valid();
        options.Tools.Add(new McpToolOptions("delete_file") { Permission = ToolPermission.Destructive, Timeout = TimeSpan.FromSeconds(5), MaxResultChars = 100, IsIdempotent = true });

        agent.AddMcpServer(options);

        var read = agent.Tools.Single(t => t.Name == "read_file");
        var delete = agent.Tools.Single(t => t.Name == "delete_file");
        Assert.Equal(ToolPermission.Write, read.Permission);
        Assert.False(read.NeedsApproval);
        Assert.Equal(ToolPermission.Destructive, delete.Permission);
        Assert.True(delete.NeedsApproval);
        Assert.Equal((TimeSpan.FromSeconds(5), 100, true), (delete.Timeout!.Value, delete.MaxResultChars!.Value, delete.IsIdempotent));
        Assert.IsType<McpToolFunction>(read.Function);
    }

    [Fact]
    public void AddMcpServer_NameTakenByAnotherTool_IsRefusedAndAddsNothing()
    {
        var agent = new AgentDefinition("a");
        agent.Tools.Add(new AgentTool(AIFunctionFactory.Create(() => "x", "read_file")));

        var ex = Assert.Throws<ArgumentException>(() => agent.AddMcpServer(Valid()));

        Assert.Contains("already has a tool named 'read_file'", ex.Message);
        Assert.Single(agent.Tools);
    }

    [Fact]
    public void Options_BindFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mcp:Name"] = "web",
            ["Mcp:Url"] = "https://tools.example/mcp",
            ["Mcp:Headers:Authorization"] = "Bearer secret-token",
            ["Mcp:Permission"] = "Read",
            ["Mcp:Tools:0:Name"] = "search",
            ["Mcp:Tools:1:Name"] = "post",
            ["Mcp:Tools:1:Permission"] = "Write",
            ["Mcp:Tools:1:RequiresApproval"] = "true",
        }).Build();

        var options = configuration.GetSection("Mcp").Get<McpServerOptions>()!;
        options.Validate();

        Assert.Equal(new Uri("https://tools.example/mcp"), options.Url);
        Assert.Equal(["search", "post"], options.Tools.Select(t => t.Name));
        Assert.True(options.Tools[1].RequiresApproval);
        Assert.DoesNotContain("secret-token", options.ToString());
    }
}
