// One host is shared by all scenarios; running them one at a time keeps the daemon's view simple.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
