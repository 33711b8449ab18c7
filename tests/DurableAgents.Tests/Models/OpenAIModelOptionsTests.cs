using DurableAgents.Models;

namespace DurableAgents.Tests.Models;

public sealed class OpenAIModelOptionsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void FromEnvironment_NothingSet_ReturnsNull() =>
        Assert.Null(OpenAIModelOptions.FromEnvironment(Env()));

    [Fact]
    public void FromEnvironment_KeyOnly_UsesOpenAIAndDefaultModel()
    {
        var options = OpenAIModelOptions.FromEnvironment(Env(("OPENAI_API_KEY", "sk-abc")))!;

        Assert.Equal("sk-abc", options.ApiKey);
        Assert.Null(options.BaseUrl);
        Assert.Equal(new Uri("https://api.openai.com/v1/"), options.Endpoint);
        Assert.Equal("gpt-4o-mini", options.Model);
    }

    [Fact]
    public void FromEnvironment_BaseUrlWithoutKey_UsesPlaceholderKeyAndAddsTrailingSlash()
    {
        var options = OpenAIModelOptions.FromEnvironment(Env(("OPENAI_BASE_URL", "http://localhost:11434/v1"), ("OPENAI_MODEL", "llama3.2")))!;

        Assert.Equal(OpenAIModelOptions.PlaceholderApiKey, options.ApiKey);
        Assert.Equal(new Uri("http://localhost:11434/v1/"), options.Endpoint);
        Assert.Equal("llama3.2", options.Model);
    }

    [Fact]
    public void FromEnvironment_AzureV1Endpoint_IsAccepted()
    {
        var options = OpenAIModelOptions.FromEnvironment(Env(
            ("OPENAI_API_KEY", "azure-key"), ("OPENAI_BASE_URL", "https://myres.openai.azure.com/openai/v1/"), ("OPENAI_MODEL", "my-deployment")))!;

        Assert.Equal(new Uri("https://myres.openai.azure.com/openai/v1/"), options.Endpoint);
        Assert.Equal("my-deployment", options.Model);
        Assert.Equal("api-key", options.EffectiveApiKeyHeader);
    }

    [Fact]
    public void EffectiveApiKeyHeader_IsBearerAuthorizationOutsideAzure() =>
        Assert.Equal("Authorization", new OpenAIModelOptions { BaseUrl = new Uri("http://localhost:11434/v1/") }.EffectiveApiKeyHeader);

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com/v1")]
    [InlineData("/relative/v1")]
    public void FromEnvironment_BadBaseUrl_ThrowsNamingTheVariable(string url)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => OpenAIModelOptions.FromEnvironment(Env(("OPENAI_BASE_URL", url))));

        Assert.Contains("OPENAI_BASE_URL", ex.Message);
    }

    [Fact]
    public void Validate_MissingModel_SaysToSetOpenAIModel()
    {
        var options = new OpenAIModelOptions { ApiKey = "k", Model = " " };

        var ex = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains("OPENAI_MODEL", ex.Message);
    }

    [Fact]
    public void Validate_NoKeyForOpenAI_SaysToSetTheKey()
    {
        var ex = Assert.Throws<InvalidOperationException>(new OpenAIModelOptions().Validate);

        Assert.Contains("OPENAI_API_KEY", ex.Message);
    }

    [Fact]
    public void Validate_NonPositiveTimeout_Throws() =>
        Assert.Throws<InvalidOperationException>(new OpenAIModelOptions { ApiKey = "k", NetworkTimeout = TimeSpan.Zero }.Validate);

    [Fact]
    public void CreateChatClient_InvalidOptions_Throws() =>
        Assert.Throws<InvalidOperationException>(() => OpenAIModels.CreateChatClient(new OpenAIModelOptions { ApiKey = "k", Model = "" }));

    [Theory]
    [InlineData(null, false)]
    [InlineData("true", true)]
    [InlineData("False", false)]
    public void FromEnvironment_SensitiveTelemetrySetting_IsOffUnlessSet(string? value, bool expected)
    {
        var options = OpenAIModelOptions.FromEnvironment(Env(("OPENAI_API_KEY", "sk-abc"), (OpenAIModelOptions.SensitiveTelemetrySetting, value!)))!;

        Assert.Equal(expected, options.EnableSensitiveTelemetryData);
    }

    [Fact]
    public void FromEnvironment_SensitiveTelemetrySettingNotABoolean_ThrowsNamingIt()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            OpenAIModelOptions.FromEnvironment(Env(("OPENAI_API_KEY", "sk-abc"), (OpenAIModelOptions.SensitiveTelemetrySetting, "yes please"))));

        Assert.Contains(OpenAIModelOptions.SensitiveTelemetrySetting, ex.Message);
    }

    [Fact]
    public void ToString_DoesNotContainTheKey() =>
        Assert.DoesNotContain("sk-secret", new OpenAIModelOptions { ApiKey = "sk-secret" }.ToString());

    [Theory]
    [InlineData("12", 12.0)]
    [InlineData("0.5", 0.5)]
    [InlineData("Wed, 01 Jan 2025 00:00:30 GMT", 30.0)]
    [InlineData("Wed, 01 Jan 2025 00:00:00 GMT", 0.0)]
    public void ParseRetryAfter_AcceptsSecondsAndHttpDates(string header, double expectedSeconds)
    {
        var now = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), ModelErrorMapper.ParseRetryAfter(header, now));
    }

    [Fact]
    public void ParseRetryAfter_Garbage_IsNull() =>
        Assert.Null(ModelErrorMapper.ParseRetryAfter("soon", DateTimeOffset.UnixEpoch));
}
