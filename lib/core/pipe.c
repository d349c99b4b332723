/*
 * Bounded blocking queue on a mutex and two condition variables.
 */
#include <pthread.h>
#include <stdlib.h>

#include "core/pipe.h"
#include "core/util.h"

struct cs_pipe {
	pthread_mutex_t mu;
	pthread_cond_t nonempty;
	pthread_cond_t nonfull;
	void **q;
	size_t cap;
	size_t head;
	size_t n;
	int closed;
	int cancelled;
};

struct cs_pipe *
cs_pipe_new(size_t cap)
{
	struct cs_pipe *p = cs_xcalloc(1, sizeof(*p));

	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->nonempty, NULL);
	pthread_cond_init(&p->nonfull, NULL);
	p->cap = cap ? cap : 1;
	p->q = cs_xcalloc(p->cap, sizeof(void *));
	return p;
}

void
cs_pipe_free(struct cs_pipe *p)
{
	if (p == NULL)
		return;
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->nonempty);
	pthread_cond_destroy(&p->nonfull);
	free(p->q);
	free(p);
}

int
cs_pipe_put(struct cs_pipe *p, void *item)
{
	int rc = 0;

	pthread_mutex_lock(&p->mu);
	while (p->n == p->cap && !p->cancelled)
		pthread_cond_wait(&p->nonfull, &p->mu);
	if (p->cancelled) {
		rc = -1;
	} else {
		p->q[(p->head + p->n) % p->cap] = item;
		p->n++;
		pthread_cond_signal(&p->nonempty);
	}
	pthread_mutex_unlock(&p->mu);
	return rc;
}

void *
cs_pipe_get(struct cs_pipe *p)
{
	void *item = NULL;

	pthread_mutex_lock(&p->mu);
	while (p->n == 0 && !p->closed && !p->cancelled)
		pthread_cond_wait(&p->nonempty, &p->mu);
	if (p->n > 0 && !p->cancelled) {
		item = p->q[p->head];
		p->head = (p->head + 1) % p->cap;
		p->n--;
		pthread_cond_signal(&p->nonfull);
	}
	pthread_mutex_unlock(&p->mu);
	return item;
}

void
cs_pipe_close(struct cs_pipe *p)
{
	pthread_mutex_lock(&p->mu);
	p->closed = 1;
	pthread_cond_broadcast(&p->nonempty);
	pthread_mutex_unlock(&p->mu);
}

void
cs_pipe_cancel(struct cs_pipe *p)
{
	pthread_mutex_lock(&p->mu);
	p->cancelled = 1;
	pthread_cond_broadcast(&p->nonempty);
	pthread_cond_broadcast(&p->nonfull);
	pthread_mutex_unlock(&p->mu);
}
