namespace ServiceRegistry.Core.Mail;

/// <summary>Wakes the mail sender as soon as something is queued (it also looks on its own, every few seconds).</summary>
public sealed class MailSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Wake()
    {
        if (_semaphore.CurrentCount == 0)
        {
            try
            {
                _semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    public void Dispose() => _semaphore.Dispose();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _semaphore.WaitAsync(timeout, ct);
}
