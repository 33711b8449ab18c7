using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Telemetry;

/// <summary>
/// The run's telemetry: its metrics (on a Meter from <see cref="IMeterFactory"/> when DI has one) and the GenAI instrumentation of
/// models that bring none. One per service provider; <c>AddDurableAgents</c> registers it.
/// </summary>
public sealed partial class AgentTelemetry : IDisposable
{
    private readonly ConditionalWeakTable<IChatClient, IChatClient> _instrumented = [];
    private readonly ILoggerFactory? _loggers;
    private readonly bool _ownsMeter;

    /// <summary>Creates the telemetry of one service provider.</summary>
    /// <param name="options">What spans may contain.</param>
    /// <param name="meters">Creates the Meter (so it is disposed with its provider); null for a Meter of its own.</param>
    /// <param name="loggers">Loggers for the GenAI instrumentation (content only with sensitive data on).</param>
    public AgentTelemetry(AgentTelemetryOptions options, IMeterFactory? meters = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _loggers = loggers;
        _ownsMeter = meters is null;
        Meter = meters?.Create(AgentTelemetryNames.Meter) ?? new Meter(AgentTelemetryNames.Meter);
        (_runsStarted, _runsCompleted, _toolCalls, _tokens, _cost, _stepDuration) = CreateInstruments(Meter);
    }

    /// <summary>Telemetry for code built without DI (an orchestrator created by hand): its own Meter, no sensitive data.</summary>
    internal static AgentTelemetry Shared { get; } = new(new AgentTelemetryOptions());

    /// <summary>What spans may contain.</summary>
    public AgentTelemetryOptions Options { get; }

    /// <summary>True when spans may hold prompts, tool arguments and results.</summary>
    public bool EnableSensitiveData => Options.EnableSensitiveData;

    /// <summary>The Meter of <see cref="AgentTelemetryNames.Meter"/>.</summary>
    internal Meter Meter { get; }

    /// <summary>
    /// The model with GenAI <c>chat</c> spans and metrics (Microsoft.Extensions.AI's OpenTelemetryChatClient on
    /// <see cref="AgentTelemetryNames.ModelSource"/>), unless it already has them, as the OpenAI models do.
    /// </summary>
    public IChatClient Instrument(IChatClient model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.GetService(typeof(OpenTelemetryChatClient)) is not null)
        {
            return model;
        }

        // One wrapper per model: each OpenTelemetryChatClient makes its own ActivitySource and Meter.
        return _instrumented.GetValue(model, m => new OpenTelemetryChatClient(m, _loggers?.CreateLogger<OpenTelemetryChatClient>(), AgentTelemetryNames.ModelSource)
        {
            EnableSensitiveData = Options.EnableSensitiveData,
        });
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }
}
