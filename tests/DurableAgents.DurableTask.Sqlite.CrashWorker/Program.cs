using DurableAgents.DurableTask.Sqlite;
using DurableAgents.DurableTask.Sqlite.CrashWorker;
using DurableTask.Core;
using DurableTask.Core.Exceptions;

// A worker process that crash tests start and SIGKILL:
//   run <db> <side-effect-log> <instance-id> <steps>  runs (or resumes) a sequence whose steps append to the log; prints DONE <output>
//   start <db> <instance-id>                           creates an instance without running it; prints ACK, then waits to be killed
//   open <db>                                          opens the file and reports OPENED or REFUSED <message>
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: run <db> <log> <instance> <steps> | start <db> <instance> | open <db>");
    return 2;
}

var service = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DatabasePath = args[1] });
switch (args[0])
{
    case "open":
        try
        {
            await service.CreateIfNotExistsAsync();
            Console.WriteLine("OPENED");
            return 0;
        }
        catch (SqliteTaskHubFileException e)
        {
            Console.WriteLine("REFUSED " + e.Message);
            return 3;
        }

    case "start":
        var client = new TaskHubClient(service);
        await client.CreateOrchestrationInstanceAsync(typeof(LoggedSequence), args[2], new LoggedSequence.Input(args[2] + ".log", 3));
        Console.WriteLine("ACK");
        await Task.Delay(Timeout.Infinite);
        return 0;

    case "run":
        SideEffect.LogPath = args[2];
        var worker = new TaskHubWorker(service) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        worker.AddTaskOrchestrations(typeof(LoggedSequence));
        worker.AddTaskActivities(typeof(SideEffect));
        await worker.StartAsync();
        var hub = new TaskHubClient(service);
        var instance = new OrchestrationInstance { InstanceId = args[3] };
        try
        {
            await hub.CreateOrchestrationInstanceAsync(typeof(LoggedSequence), args[3], new LoggedSequence.Input(args[2], int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture)));
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Resuming after a kill: the instance is already there.
        }

        var state = await hub.WaitForOrchestrationAsync(instance, TimeSpan.FromMinutes(5));
        Console.WriteLine($"DONE {state?.OrchestrationStatus} {state?.Output}");
        await worker.StopAsync(isForced: true);
        return 0;

    default:
        Console.Error.WriteLine($"unknown command '{args[0]}'");
        return 2;
}
