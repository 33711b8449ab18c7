using DurableAgents.Orchestration.AzureStorage.Storage;

namespace DurableAgents.Orchestration.AzureStorage.Tests.Storage;

public sealed class ConnectionStringTests
{
    private const string Key = "bm90LWEtcmVhbC1rZXktb25seS1mb3ItdW5pdC10ZXN0cyE=";

    [Fact]
    public void Parse_DevelopmentStorage_UsesAzuriteDefaults()
    {
        var parsed = ConnectionStringParser.Parse("UseDevelopmentStorage=true");

        Assert.True(parsed.IsDevelopmentStorage);
        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), parsed.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), parsed.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
    }

    [Fact]
    public void Parse_AccountAndSuffix_BuildsServiceEndpoints()
    {
        var parsed = ConnectionStringParser.Parse(
            $"DefaultEndpointsProtocol=https;AccountName=myaccount;AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn");

        Assert.Equal("myaccount", parsed.AccountName);
        Assert.Equal(Key, parsed.AccountKey);
        Assert.Equal(new Uri("https://myaccount.blob.core.chinacloudapi.cn"), parsed.BlobEndpoint);
        Assert.Equal(new Uri("https://myaccount.queue.core.chinacloudapi.cn"), parsed.QueueEndpoint);
        Assert.False(parsed.IsDevelopmentStorage);
    }

    [Fact]
    public void Parse_ExplicitEndpoints_WinOverDerivedOnes_AndKeysAreCaseInsensitive()
    {
        var parsed = ConnectionStringParser.Parse(
            $"accountname=devstoreaccount1;ACCOUNTKEY={Key};BlobEndpoint=http://127.0.0.1:41000/devstoreaccount1/;" +
            "QueueEndpoint=http://127.0.0.1:41001/devstoreaccount1;");

        Assert.Equal(new Uri("http://127.0.0.1:41000/devstoreaccount1"), parsed.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:41001/devstoreaccount1"), parsed.QueueEndpoint);
    }

    [Theory]
    [InlineData("AccountName=myaccount", "AccountKey")]
    [InlineData("AccountKey=" + Key, "AccountName")]
    [InlineData("AccountName=myaccount;AccountKey=", "AccountKey")]
    public void Parse_MissingKey_NamesTheMissingKey(string connectionString, string missing)
    {
        var error = Assert.Throws<FormatException>(() => ConnectionStringParser.Parse(connectionString));

        Assert.Contains($"no {missing}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountName=a;AccountKey=" + Key + ";DefaultEndpointsProtocol=ftp", "DefaultEndpointsProtocol")]
    [InlineData("AccountName=a;AccountKey=" + Key + ";BlobEndpoint=not a url", "BlobEndpoint")]
    [InlineData("AccountName=a;AccountKey=" + Key + ";SharedAccessSignature=sv=1", "SharedAccessSignature")]
    [InlineData("AccountName=a;AccountName=b;AccountKey=" + Key, "more than once")]
    [InlineData("UseDevelopmentStorage=yes", "UseDevelopmentStorage")]
    [InlineData("", "empty")]
    public void Parse_Malformed_SaysWhatIsWrong(string connectionString, string mentioned)
    {
        var error = Assert.Throws<FormatException>(() => ConnectionStringParser.Parse(connectionString));

        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PartWithoutEquals_DoesNotEchoSecretLookingText()
    {
        var error = Assert.Throws<FormatException>(() => ConnectionStringParser.Parse($"AccountName=a;{Key}"));

        Assert.DoesNotContain(Key[..10], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConnectionString_BadBase64Key_FailsWithoutEchoingIt()
    {
        var error = Assert.Throws<FormatException>(
            () => StorageConnection.FromConnectionString("AccountName=a;AccountKey=#not*base64#"));

        Assert.Contains("AccountKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("#not*base64#", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParsedConnectionString_ToString_OmitsTheKey()
    {
        var parsed = ConnectionStringParser.Parse($"AccountName=a;AccountKey={Key}");

        Assert.DoesNotContain(Key, parsed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithNoConnectionAllowed_SaysWhatToSet()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => StorageConnection.Create(new StorageAccountOptions
        {
            ConnectionString = "UseDevelopmentStorage=true",
            MaxConnectionsPerEndpoint = 0,
        }));

        Assert.Contains("MaxConnectionsPerEndpoint must be 1 or more", error.Message, StringComparison.Ordinal);
    }
}
