using DurableAgents.Tools.BuiltIn;

namespace DurableAgents.Tests.Tools.BuiltIn.Http;

public class UrlGuardAndHtmlTextTests
{
    private static UrlGuard Guard(params string[] hosts) =>
        new(new HttpGetToolOptions { AllowedHosts = hosts }.ValidatedCopy(), resolver: null);

    [Theory]
    [InlineData("https://a.example.org/x")]
    [InlineData("https://b.a.example.org/x")]
    [InlineData("https://A.EXAMPLE.ORG/x")]
    [InlineData("https://api.test.com./x")]
    [InlineData("http://[::1]:81/")]
    public void CheckUrl_AcceptsHostsMatchingAllowList(string url)
    {
        var guard = Guard("*.example.org", "api.test.com", "::1");
        Assert.Equal(new Uri(url), guard.CheckUrl(url));
    }

    [Theory]
    [InlineData("https://example.org/")]
    [InlineData("https://evilexample.org/")]
    [InlineData("https://example.org.evil.com/")]
    [InlineData("https://sub.api.test.com/")]
    [InlineData("http://127.0.0.1/")]
    public void CheckUrl_RefusesHostsOutsideAllowList(string url)
    {
        var guard = Guard("*.example.org", "api.test.com", "::1");
        var ex = Assert.Throws<ToolException>(() => guard.CheckUrl(url));
        Assert.Contains("not in the allowed list", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidatedCopy_IsNotAffectedByLaterChanges()
    {
        var options = new HttpGetToolOptions { AllowedHosts = ["a.example.org"] };
        var guard = new UrlGuard(options.ValidatedCopy(), resolver: null);
        options.AllowedHosts.Add("b.example.org");
        Assert.Throws<ToolException>(() => guard.CheckUrl("https://b.example.org/"));
    }

    [Fact]
    public void HtmlText_KeepsVisibleTextOnly()
    {
        var html = "<html><head><title>T</title><script type=\"x\">evil()</script><STYLE>p{}</STYLE></head>"
            + "<body><h1>Head</h1><p>One&nbsp;two &lt;3&gt;</p><br/><ul><li>a</li><li>b</li></ul>"
            + "<noscript>enable js</noscript><!-- c --></body></html>";
        Assert.Equal("T\n\nHead\n\nOne two <3>\n\na\n\nb", HtmlText.ToText(html));
    }

    [Fact]
    public void HtmlText_HandlesUnclosedScriptWithoutHanging()
    {
        var html = "<p>before</p><script>" + new string('x', 200_000);
        Assert.StartsWith("before", HtmlText.ToText(html), StringComparison.Ordinal);
    }
}
