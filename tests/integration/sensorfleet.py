#!/usr/bin/python3
"""sensorfleet.py - simulated sensing devices for test_sensors.sh and
bench/sensors.sh (Debian's python3-paho-mqtt).

  sensorfleet.py fleet PORT PREFIX HB_SECONDS ID...
      one MQTT connection per device, each with the Last Will "offline"
      (QoS 1, retained) on PREFIX/sensors/<id>; publishes "online"
      (retained) on connect, then "hb" every HB_SECONDS.  Runs until
      killed: a kill -9 closes every socket without DISCONNECT, so the
      broker sends the Wills.  Prints "up N" once all are connected.
  sensorfleet.py burst PORT PREFIX ID_PREFIX COUNT
      one connection publishing one heartbeat (QoS 1) for each of COUNT
      devices ID_PREFIX0 .. ; prints the seconds until the broker acked all.
"""
import sys
import threading
import time

import paho.mqtt.client as mqtt


def fleet(port, prefix, hb, ids):
    clients = []
    up = set()
    lock = threading.Lock()

    def on_connect(c, userdata, flags, rc):
        if rc != 0:
            return
        c.publish(userdata["topic"], "online", qos=1, retain=True)
        with lock:
            up.add(userdata["id"])

    for i in ids:
        topic = "%s/sensors/%s" % (prefix, i)
        c = mqtt.Client(client_id="dev-" + i, clean_session=True,
                        userdata={"id": i, "topic": topic})
        c.username_pw_set(i)
        c.will_set(topic, "offline", qos=1, retain=True)
        c.on_connect = on_connect
        c.reconnect_delay_set(1, 2)
        c.connect_async("127.0.0.1", port, keepalive=5)
        c.loop_start()
        clients.append((c, topic))
    while True:
        with lock:
            n = len(up)
        if n == len(ids):
            break
        time.sleep(0.05)
    print("up %d" % len(ids), flush=True)
    while True:
        time.sleep(hb)
        for c, topic in clients:
            c.publish(topic, "hb", qos=1)


def burst(port, prefix, idprefix, count):
    done = threading.Event()
    acked = [0]

    def on_publish(c, userdata, mid):
        acked[0] += 1
        if acked[0] == count:
            done.set()

    c = mqtt.Client(client_id="burst-%d" % time.time_ns(), clean_session=True)
    c.max_inflight_messages_set(1000)
    c.max_queued_messages_set(0)
    c.on_publish = on_publish
    c.connect("127.0.0.1", port, keepalive=30)
    c.loop_start()
    t0 = time.time()
    for n in range(count):
        c.publish("%s/sensors/%s%d" % (prefix, idprefix, n), "hb", qos=1)
    done.wait(120)
    print("%.3f" % (time.time() - t0), flush=True)
    c.disconnect()
    c.loop_stop()


if __name__ == "__main__":
    if sys.argv[1] == "fleet":
        fleet(int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), sys.argv[5:])
    else:
        burst(int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5]))
