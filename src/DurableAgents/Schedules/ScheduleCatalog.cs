using Microsoft.Extensions.Options;

namespace DurableAgents.Schedules;

/// <summary>The schedules from configuration (<c>DurableAgents:Schedules</c>).</summary>
public sealed class ScheduleOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "DurableAgents:Schedules";

    /// <summary>The schedules.</summary>
    public List<ScheduleDefinition> Schedules { get; } = [];
}

/// <summary>Every schedule of this host: from configuration and from code, validated, by name.</summary>
public sealed class ScheduleCatalog
{
    private readonly Dictionary<string, ScheduleDefinition> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the catalog; a schedule in configuration replaces one in code with the same name.</summary>
    public ScheduleCatalog(IEnumerable<ScheduleDefinition> inCode, IOptions<ScheduleOptions> configured)
    {
        ArgumentNullException.ThrowIfNull(inCode);
        ArgumentNullException.ThrowIfNull(configured);
        foreach (var schedule in inCode)
        {
            schedule.Validate();
            if (!_byName.TryAdd(schedule.Name, schedule))
            {
                throw new InvalidOperationException($"Two schedules are named '{schedule.Name}'; schedule names must be unique.");
            }
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var schedule in configured.Value.Schedules)
        {
            schedule.Validate();
            if (!seen.Add(schedule.Name))
            {
                throw new InvalidOperationException($"Configuration lists two schedules named '{schedule.Name}'; schedule names must be unique.");
            }

            _byName[schedule.Name] = schedule;
        }

        Schedules = _byName.Values.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>All schedules, by name.</summary>
    public IReadOnlyList<ScheduleDefinition> Schedules { get; }

    /// <summary>The schedule with this name, or null.</summary>
    public ScheduleDefinition? Find(string name) => _byName.GetValueOrDefault(name);
}
