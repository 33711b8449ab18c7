using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using DataConverter = Microsoft.DurableTask.DataConverter;

namespace DurableAgents.DurableTask.Worker.Dispatch;

/// <summary>Resolves DTFx activity names to <see cref="SdkActivity"/>, which checks the name when the call runs.</summary>
internal sealed class ActivityObjectManager(
    IDurableTaskFactory factory, DurableTaskShimFactory shims, DataConverter converter, RegisteredTasks registered, IServiceProvider services)
    : INameVersionObjectManager<global::DurableTask.Core.TaskActivity>
{
    public void Add(ObjectCreator<global::DurableTask.Core.TaskActivity> creator) =>
        throw new NotSupportedException("Register activities with AddTasks(r => r.AddActivity...) on the worker builder.");

    public global::DurableTask.Core.TaskActivity GetObject(string name, string? version) =>
        new SdkActivity(new TaskName(name), factory, shims, converter, registered, services);
}
