// Each scenario stops a server the others need: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
