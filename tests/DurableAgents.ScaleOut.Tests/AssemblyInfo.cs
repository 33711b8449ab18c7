// The scale-out test stops its Azurite and loads both cores; nothing else in this assembly may run beside it.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
